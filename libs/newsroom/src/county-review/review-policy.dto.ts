import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { POLICY_STEPS } from './review-steps';
import type { PolicySteps } from './review-steps';

export class ReviewPolicyDto {
  @IsIn(POLICY_STEPS, { message: 'steps must be 2 (初审, 终审) or 3 (初审, 复审, 终审)' })
  @ApiProperty({ enum: POLICY_STEPS, example: 3 })
  steps!: PolicySteps;
}
