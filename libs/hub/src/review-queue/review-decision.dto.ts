import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQuery } from '@syn/persistence';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { SUBMISSION_STATUSES } from './submission.entity';
import type { SubmissionStatus } from './submission.entity';

export const DECISIONS = ['accept', 'reject', 'return'] as const;

export class ReviewDecisionDto {
  @IsIn(DECISIONS, { message: 'decision must be accept (入库), reject (退稿) or return (退改)' })
  @ApiProperty({ enum: DECISIONS })
  decision!: (typeof DECISIONS)[number];

  @ValidateIf((o: ReviewDecisionDto) => o.decision === 'reject' || o.decision === 'return' || o.reason !== undefined)
  @IsString({ message: 'reason is required when rejecting or returning for revision' })
  @MinLength(2, { message: 'reason must say why (at least 2 characters)' })
  @MaxLength(1000)
  @ApiPropertyOptional({ example: '与本市已入库稿件重复', description: 'required for reject and return' })
  reason?: string;
}

export class ReviewQueueQuery extends PageQuery {
  @IsOptional()
  @IsIn(SUBMISSION_STATUSES)
  @ApiPropertyOptional({ enum: SUBMISSION_STATUSES, default: 'pending' })
  status?: SubmissionStatus;

  @IsOptional()
  @Matches(/^\d{6}$/, { message: 'origin must be a six-digit center code' })
  @ApiPropertyOptional()
  origin?: string;
}
