import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { ReviewDecisionDto, ReviewQueueQuery } from './review-decision.dto';
import { ReviewQueueService } from './review-queue.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['storyId: must be a UUID'], fields: ['storyId'] }),
});

@ApiTags('review queue (审核)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/review-queue')
export class ReviewQueueController {
  constructor(private readonly queue: ReviewQueueService) {}

  @Get()
  @Roles('curator', 'desk-editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'Stories submitted by the centers below, newest first' })
  list(@Param('center') center: string, @Query() q: ReviewQueueQuery) {
    return this.queue.list(center, q);
  }

  @Get(':storyId')
  @Roles('curator', 'desk-editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'One story of the review queue (pending or decided), with its claim, resubmission and family, as in the list' })
  get(@Param('center') center: string, @Param('storyId', uuid) storyId: string) {
    return this.queue.get(center, storyId);
  }

  @Post(':storyId/decision')
  @HttpCode(200)
  @Roles('curator', 'desk-editor', 'admin')
  @ApiOperation({ summary: '入库 (accept into the pool) or 退稿 (reject, with a reason)' })
  decide(@Param('center') center: string, @Param('storyId', uuid) storyId: string, @Body() dto: ReviewDecisionDto, @CurrentPrincipal() p: Principal) {
    return this.queue.decide(center, storyId, dto, p);
  }
}
