import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { REVIEW_STEPS } from './review-steps';
import type { ReviewStep } from './review-steps';

/** Signing one step names the step, so that two reviewers clicking at once cannot move a story two steps. */
export class ReviewAdvanceDto {
  @IsIn(REVIEW_STEPS, { message: 'step must be first (初审), second (复审) or final (终审)' })
  @ApiProperty({ enum: REVIEW_STEPS, description: 'the step being signed; final also submits upstream (上报)' })
  step!: ReviewStep;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  @ApiPropertyOptional({ example: '事实核实无误' })
  note?: string;
}

export class ReviewSendBackDto {
  @IsString({ message: 'reason is required: say what the writer must change' })
  @MinLength(2, { message: 'reason must say why (at least 2 characters)' })
  @MaxLength(1000)
  @ApiProperty({ example: '导语过长，请压缩到100字以内' })
  reason!: string;
}
