import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { FamilyMergeDto } from './family-merge.dto';
import { FamilyMergeService } from './family-merge.service';
import { StoryFamilyService } from './story-family.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['storyId: must be a UUID'], fields: ['storyId'] }),
});

@ApiTags('review queue (审核)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/review-queue')
export class StoryFamilyController {
  constructor(
    private readonly families: StoryFamilyService,
    private readonly merges: FamilyMergeService,
  ) {}

  @Get(':storyId/family')
  @Roles('curator', 'desk-editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: '同题稿件: the near-duplicates of a queued story (queued or pooled), side by side with their distance in bits' })
  family(@Param('center') center: string, @Param('storyId', uuid) storyId: string) {
    return this.families.family(center, storyId);
  }

  @Post(':storyId/merge')
  @HttpCode(200)
  @Roles('curator', 'desk-editor', 'admin')
  @ApiOperation({ summary: '合并: accept this story into the pool crediting every member; the members are declined as 已合并到《…》' })
  merge(@Param('center') center: string, @Param('storyId', uuid) storyId: string, @Body() dto: FamilyMergeDto, @CurrentPrincipal() p: Principal) {
    return this.merges.merge(center, storyId, dto, p);
  }
}
