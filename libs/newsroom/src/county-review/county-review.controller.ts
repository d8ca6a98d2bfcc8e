import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLog } from '@syn/audit';
import { CurrentPrincipal, RateLimiter, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { PageQuery } from '@syn/persistence';
import { StoryView } from '../stories/story.dto';
import { StoryService } from '../stories/story.service';
import { StoryViewer } from '../stories/story-viewer';
import { CountyReviewService } from './county-review.service';
import { ReviewAdvanceDto, ReviewSendBackDto } from './county-review.dto';
import { ReviewPolicyDto } from './review-policy.dto';
import { ReviewPolicyService } from './review-policy.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['id: must be a UUID'], fields: ['id'] }) });

@ApiTags('county review (三审)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center')
export class CountyReviewController {
  constructor(
    private readonly review: CountyReviewService,
    private readonly policies: ReviewPolicyService,
    private readonly stories: StoryService,
    private readonly viewer: StoryViewer,
    private readonly audit: AuditLog,
    private readonly limiter: RateLimiter,
  ) {}

  @Post('stories/:id/review/advance')
  @HttpCode(200)
  @Roles('editor', 'chief-editor')
  @ApiOperation({ summary: 'Sign the next review step (初审 / 复审 / 终审); 终审 submits the story upstream (上报)' })
  @ApiOkResponse({ type: StoryView })
  async advance(@Param('center') center: string, @Param('id', uuid) id: string, @Body() dto: ReviewAdvanceDto, @CurrentPrincipal() p: Principal) {
    // 终审 is a submission upstream whichever route signs it, so it spends the same submission budget as /submit.
    if (dto.step === 'final') this.limiter.consume('submission', center, `${p.center}/${p.userId}`);
    const { story, policy } = await this.review.sign(center, id, p, dto.step, dto.note);
    return this.viewer.view(story, policy);
  }

  @Post('stories/:id/review/send-back')
  @HttpCode(200)
  @Roles('editor', 'chief-editor')
  @ApiOperation({ summary: 'Send the story back to its writer with a reason; the sign-offs of this version are void' })
  @ApiOkResponse({ type: StoryView })
  async sendBack(@Param('center') center: string, @Param('id', uuid) id: string, @Body() dto: ReviewSendBackDto, @CurrentPrincipal() p: Principal) {
    return this.viewer.view(await this.review.sendBack(center, id, p, dto.reason));
  }

  @Get('stories/:id/audit')
  @ApiOperation({ summary: 'Every state change of this story at this center, newest first: who, when, before and after' })
  async storyAudit(@Param('center') center: string, @Param('id', uuid) id: string, @Query() q: PageQuery) {
    const page = await this.audit.page(center, id, q);
    // No trail at all: say whether the story exists rather than answer an empty list for a typo.
    if (page.items.length === 0 && !q.cursor) await this.stories.get(center, id);
    return page;
  }

  @Get('review-policy')
  @ApiOperation({ summary: 'How many review steps this center’s stories pass (2 or 3, default 3)' })
  policy(@Param('center') center: string) {
    return this.policies.get(center);
  }

  @Put('review-policy')
  @Roles('admin')
  @ApiOperation({ summary: 'Set the number of review steps (the center admin)' })
  setPolicy(@Param('center') center: string, @Body() dto: ReviewPolicyDto, @CurrentPrincipal() p: Principal) {
    return this.policies.set(center, dto.steps, p);
  }
}
