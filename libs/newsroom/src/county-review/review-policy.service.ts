import { Injectable, Logger } from '@nestjs/common';
import type { Principal } from '@syn/auth';
import { DataSource, EntityManager } from 'typeorm';
import { ReviewPolicyEntity } from './review-policy.entity';
import { DEFAULT_POLICY_STEPS, PolicySteps, REVIEW_STEP_LABELS, stepsOf } from './review-steps';

export interface ReviewPolicyView {
  centerCode: string;
  steps: PolicySteps;
  sequence: Array<{ step: string; label: string }>;
  isDefault: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}

@Injectable()
export class ReviewPolicyService {
  private readonly logger = new Logger('ReviewPolicy');

  constructor(private readonly dataSource: DataSource) {}

  async stepsFor(m: EntityManager, center: string): Promise<PolicySteps> {
    const row = await m.getRepository(ReviewPolicyEntity).findOneBy({ centerCode: center });
    return row?.steps ?? DEFAULT_POLICY_STEPS;
  }

  async get(center: string): Promise<ReviewPolicyView> {
    const row = await this.dataSource.getRepository(ReviewPolicyEntity).findOneBy({ centerCode: center });
    return view(center, row);
  }

  /** Stories already part-way through keep their sign-offs; their next step follows the new policy. */
  async set(center: string, steps: PolicySteps, by: Principal): Promise<ReviewPolicyView> {
    const row: ReviewPolicyEntity = { centerCode: center, steps, updatedBy: by.name, updatedAt: new Date() };
    const before = await this.get(center);
    await this.dataSource.getRepository(ReviewPolicyEntity).save(row);
    this.logger.log({ msg: 'review policy changed', center, from: before.steps, to: steps, by: by.userId });
    return view(center, row);
  }
}

function view(center: string, row: ReviewPolicyEntity | null): ReviewPolicyView {
  const steps = row?.steps ?? DEFAULT_POLICY_STEPS;
  return {
    centerCode: center,
    steps,
    sequence: stepsOf(steps).map((s) => ({ step: s, label: REVIEW_STEP_LABELS[s] })),
    isDefault: !row,
    updatedBy: row?.updatedBy ?? null,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}
