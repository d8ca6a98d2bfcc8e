import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { CorrectReleaseDto, IssueReleaseDto, ReleasesQuery, WithdrawReleaseDto } from './release.dto';
import { ReleasesService } from './releases.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['releaseId: must be a UUID'], fields: ['releaseId'] }),
});

@ApiTags('releases (通稿)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/releases')
export class ReleasesController {
  constructor(private readonly releases: ReleasesService) {}

  @Post()
  @Roles('desk-editor', 'chief-editor', 'curator', 'admin')
  @ApiOperation({ summary: '下发通稿: push a story down to all or selected centers to republish' })
  issue(@Param('center') center: string, @Body() dto: IssueReleaseDto, @CurrentPrincipal() p: Principal) {
    return this.releases.issue(center, dto, p);
  }

  @Get()
  @Roles('desk-editor', 'chief-editor', 'curator', 'admin')
  @ApiOperation({ summary: 'Releases this center issued, newest first, with who republished them' })
  list(@Param('center') center: string, @Query() q: ReleasesQuery) {
    return this.releases.list(center, q);
  }

  @Get(':releaseId')
  @Roles('desk-editor', 'chief-editor', 'curator', 'admin')
  get(@Param('center') center: string, @Param('releaseId', uuid) releaseId: string) {
    return this.releases.get(center, releaseId);
  }

  @Post(':releaseId/corrections')
  @HttpCode(200)
  @Roles('desk-editor', 'chief-editor', 'curator', 'admin')
  @ApiOperation({ summary: '更正: a new revision follows the release to every center it reached' })
  correct(@Param('center') center: string, @Param('releaseId', uuid) releaseId: string, @Body() dto: CorrectReleaseDto, @CurrentPrincipal() p: Principal) {
    return this.releases.correct(center, releaseId, dto, p);
  }

  @Post(':releaseId/withdraw')
  @HttpCode(200)
  @Roles('desk-editor', 'chief-editor', 'curator', 'admin')
  @ApiOperation({ summary: '撤稿: the takedown follows the release to every center it reached' })
  withdraw(@Param('center') center: string, @Param('releaseId', uuid) releaseId: string, @Body() dto: WithdrawReleaseDto, @CurrentPrincipal() p: Principal) {
    return this.releases.withdraw(center, releaseId, dto.reason, p);
  }
}
