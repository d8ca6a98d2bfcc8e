import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { SUBMISSION_STATUSES, type SubmissionStatus } from './submission.entity';

export const DECISIONS = ['accept', 'reject'] as const;

export class ReviewDecisionDto {
  @IsIn(DECISIONS, { message: 'decision must be accept (入库) or reject (退稿)' })
  @ApiProperty({ enum: DECISIONS })
  decision!: (typeof DECISIONS)[number];

  @ValidateIf((o: ReviewDecisionDto) => o.decision !== 'accept' || o.reason !== undefined)
  @IsString({ message: 'reason is required when rejecting' })
  @MinLength(2, { message: 'reason must say why (at least 2 characters)' })
  @MaxLength(1000)
  @ApiPropertyOptional({ example: '与本市已入库稿件重复', description: 'required for reject' })
  reason?: string;
}

export class ReviewQueueQuery {
  @IsOptional() @IsIn(SUBMISSION_STATUSES)
  @ApiPropertyOptional({ enum: SUBMISSION_STATUSES, default: 'pending' })
  status?: SubmissionStatus;

  @IsOptional() @Matches(/^\d{6}$/, { message: 'origin must be a six-digit center code' })
  @ApiPropertyOptional()
  origin?: string;

  @IsOptional() @IsString() @MaxLength(200)
  @ApiPropertyOptional()
  cursor?: string;

  @IsOptional() @Matches(/^([1-9]|[1-9]\d|1\d\d|200)$/, { message: 'limit must be 1..200' })
  @ApiPropertyOptional({ default: '50' })
  limit?: string;
}
