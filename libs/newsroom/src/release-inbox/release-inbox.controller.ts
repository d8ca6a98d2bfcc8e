import { BadRequestException, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { InboxQuery } from '../topic-inbox/topic-inbox.controller';
import { ReleaseInboxService } from './release-inbox.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['releaseId: must be a UUID'], fields: ['releaseId'] }),
});

@ApiTags('release inbox (通稿)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/release-inbox')
export class ReleaseInboxController {
  constructor(private readonly inbox: ReleaseInboxService) {}

  @Get()
  @ApiOperation({ summary: 'Releases received from above, newest first' })
  list(@Param('center') center: string, @Query() q: InboxQuery) {
    return this.inbox.list(center, q);
  }

  @Get(':releaseId')
  get(@Param('center') center: string, @Param('releaseId', uuid) releaseId: string) {
    return this.inbox.get(center, releaseId);
  }

  @Post(':releaseId/republish')
  @HttpCode(200)
  @Roles('editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: '转载: republish the release here; a receipt goes back up to its issuer' })
  republish(@Param('center') center: string, @Param('releaseId', uuid) releaseId: string, @CurrentPrincipal() p: Principal) {
    return this.inbox.republish(center, releaseId, p);
  }
}
