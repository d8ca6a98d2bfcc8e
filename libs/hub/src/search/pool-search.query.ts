import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { SUBMISSION_STATUSES } from '../review-queue/submission.entity';
import { StorySearchQuery } from './story-search.query';

export const POOL_SEARCH_SCOPES = ['pool', 'queue'] as const;
export const QUEUE_SEARCH_STATUSES = [...SUBMISSION_STATUSES, 'all'] as const;

export class PoolSearchQuery extends StorySearchQuery {
  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'county must be a six-digit center code' })
  @ApiPropertyOptional({ description: 'only stories written by this center', example: '360702' })
  county?: string;

  @IsOptional()
  @IsIn(POOL_SEARCH_SCOPES, { message: 'scope must be pool (大稿库) or queue (审核队列)' })
  @ApiPropertyOptional({
    enum: POOL_SEARCH_SCOPES,
    default: 'pool',
    description: 'pool: accepted stories, by relevance; queue: the review queue, title hits first, then newest',
  })
  scope?: (typeof POOL_SEARCH_SCOPES)[number];

  @IsOptional()
  @IsIn(QUEUE_SEARCH_STATUSES, { message: `status must be one of ${QUEUE_SEARCH_STATUSES.join(', ')}` })
  @ApiPropertyOptional({ enum: QUEUE_SEARCH_STATUSES, default: 'pending', description: 'queue scope only: the submissions in this state' })
  status?: (typeof QUEUE_SEARCH_STATUSES)[number];
}
