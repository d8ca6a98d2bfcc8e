import type { Role } from '@syn/auth';

/** How far the county's own review (三审) of the current version has got. */
export const REVIEW_STAGES = ['none', 'first', 'second', 'final'] as const;
export type ReviewStage = (typeof REVIEW_STAGES)[number];
export type ReviewStep = Exclude<ReviewStage, 'none'>;
export const REVIEW_STEPS: readonly ReviewStep[] = ['first', 'second', 'final'];

export const REVIEW_STEP_LABELS: Record<ReviewStep, string> = { first: '初审', second: '复审', final: '终审' };

/** Who may sign each step. 终审 is the chief editor's; the center admin configures, but does not sign. */
export const STEP_ROLES: Record<ReviewStep, readonly Role[]> = {
  first: ['editor', 'chief-editor'],
  second: ['editor', 'chief-editor'],
  final: ['chief-editor'],
};

export const POLICY_STEPS = [2, 3] as const;
export type PolicySteps = (typeof POLICY_STEPS)[number];
export const DEFAULT_POLICY_STEPS: PolicySteps = 3;

export interface Signoff {
  step: ReviewStep;
  userId: string;
  name: string;
  at: string;
}

export type RefusalKind = 'skipped' | 'already-signed' | 'complete' | 'wrong-role' | 'same-signer';

/** A step the rules refuse; `kind` decides the HTTP status (409 for order, 403 for who). */
export class ReviewRefusal extends Error {
  constructor(
    readonly kind: RefusalKind,
    message: string,
  ) {
    super(message);
    this.name = 'ReviewRefusal';
  }
}

const rank = (s: ReviewStage) => REVIEW_STAGES.indexOf(s);

/** The steps a center with this policy walks: 3 → 初审, 复审, 终审; 2 → 初审, 终审. */
export function stepsOf(policy: PolicySteps): ReviewStep[] {
  return policy === 2 ? ['first', 'final'] : ['first', 'second', 'final'];
}

/** The next step to sign after `stage`, or null when the last one has passed. */
export function nextStep(stage: ReviewStage, policy: PolicySteps): ReviewStep | null {
  return stepsOf(policy).find((s) => rank(s) > rank(stage)) ?? null;
}

/**
 * Checks that `signer` may sign `step` now: it must be exactly the next step (none skipped, none
 * signed twice), the signer's role must be allowed for it, and nobody signs two steps of one
 * version (复审 is a second pair of eyes, 终审 a third).
 */
export function checkSignoff(a: {
  stage: ReviewStage;
  policy: PolicySteps;
  step: ReviewStep;
  signer: { userId: string; role: Role };
  signoffs: Signoff[];
}): void {
  const next = nextStep(a.stage, a.policy);
  const label = REVIEW_STEP_LABELS[a.step];
  if (next === null) throw new ReviewRefusal('complete', `all ${a.policy} review steps have passed; ${label} cannot be signed again`);
  if (!stepsOf(a.policy).includes(a.step)) {
    throw new ReviewRefusal(
      'skipped',
      `${label} (${a.step}) is not a step of this center's ${a.policy}-step review; next is ${REVIEW_STEP_LABELS[next]} (${next})`,
    );
  }
  if (rank(a.step) < rank(next))
    throw new ReviewRefusal('already-signed', `${label} (${a.step}) has already passed; next is ${REVIEW_STEP_LABELS[next]} (${next})`);
  if (a.step !== next)
    throw new ReviewRefusal('skipped', `${label} (${a.step}) cannot be signed before ${REVIEW_STEP_LABELS[next]} (${next}): no step may be skipped`);
  if (!STEP_ROLES[a.step].includes(a.signer.role)) {
    throw new ReviewRefusal('wrong-role', `${label} (${a.step}) must be signed by ${STEP_ROLES[a.step].join(' or ')}, not ${a.signer.role}`);
  }
  const earlier = a.signoffs.find((s) => s.userId === a.signer.userId);
  if (earlier) {
    throw new ReviewRefusal(
      'same-signer',
      `${a.signer.userId} already signed ${REVIEW_STEP_LABELS[earlier.step]} of this version; ${label} needs another person`,
    );
  }
}
