import { BadRequestException, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { ClaimService } from './claim.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['storyId: must be a UUID'], fields: ['storyId'] }),
});

@ApiTags('review queue (审核)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/review-queue')
export class ClaimsController {
  constructor(private readonly claims: ClaimService) {}

  @Post(':storyId/claim')
  @HttpCode(200)
  @Roles('curator', 'desk-editor', 'admin')
  @ApiOperation({ summary: '领稿: claim a queued story so no other curator works it; claiming again renews the claim' })
  claim(@Param('center') center: string, @Param('storyId', uuid) storyId: string, @CurrentPrincipal() p: Principal) {
    return this.claims.claim(center, storyId, p);
  }

  @Post(':storyId/release')
  @HttpCode(200)
  @Roles('curator', 'desk-editor', 'admin')
  @ApiOperation({ summary: 'Give a claimed story back to the queue' })
  release(@Param('center') center: string, @Param('storyId', uuid) storyId: string, @CurrentPrincipal() p: Principal) {
    return this.claims.release(center, storyId, p);
  }
}
