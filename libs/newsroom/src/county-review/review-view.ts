import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { StoryEntity } from '../stories/story.entity';
import { nextStep, PolicySteps, REVIEW_STAGES, REVIEW_STEP_LABELS, ReviewStage, STEP_ROLES } from './review-steps';

const STAGE_LABELS: Record<ReviewStage, string> = { none: '待初审', first: '初审已通过', second: '复审已通过', final: '终审已通过' };

export class SignoffView {
  @ApiProperty() step!: string;
  @ApiProperty() label!: string;
  @ApiProperty() userId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() at!: string;
}

export class AwaitingView {
  @ApiProperty() step!: string;
  @ApiProperty({ example: '复审' }) label!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
}

/** Where the story stands in the county's own review, and what must happen next. */
export class ReviewStateView {
  @ApiProperty({ enum: REVIEW_STAGES }) stage!: ReviewStage;
  @ApiProperty({ example: '初审已通过' }) stageLabel!: string;
  @ApiProperty({ enum: [2, 3] }) policySteps!: PolicySteps;
  @ApiProperty({ type: () => [SignoffView] }) signoffs!: SignoffView[];
  @ApiPropertyOptional({ type: () => AwaitingView, description: 'the next step to sign, null once submitted or while upstream' })
  awaiting!: AwaitingView | null;
  @ApiPropertyOptional() sentBackReason!: string | null;
}

export class HolderView {
  @ApiProperty({ description: 'a county user, or the hub the story was submitted to' }) kind!: 'user' | 'center';
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export function reviewStateOf(s: StoryEntity, policy: PolicySteps): ReviewStateView {
  const atHome = s.status !== 'submitted' && s.status !== 'accepted' && !(s.submittedVersion === s.version && s.reviewStage === 'final');
  const next = atHome ? nextStep(s.reviewStage, policy) : null;
  return {
    stage: s.reviewStage,
    stageLabel: STAGE_LABELS[s.reviewStage],
    policySteps: policy,
    signoffs: s.reviewSignoffs.map((x) => ({ ...x, label: REVIEW_STEP_LABELS[x.step] })),
    awaiting: next ? { step: next, label: REVIEW_STEP_LABELS[next], roles: [...STEP_ROLES[next]] } : null,
    sentBackReason: s.sentBackReason,
  };
}

/** Who holds the story now: the hub while it waits there or sits in its pool, otherwise the county user who last acted. */
export function holderOf(s: StoryEntity, hubName: (code: string) => string): HolderView | null {
  if ((s.status === 'submitted' || s.status === 'accepted') && s.submittedTo) return { kind: 'center', id: s.submittedTo, name: hubName(s.submittedTo) };
  return s.holderId ? { kind: 'user', id: s.holderId, name: s.holderName ?? s.holderId } : null;
}
