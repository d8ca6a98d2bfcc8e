import { Injectable, Logger } from '@nestjs/common';
import { actorOf, AuditLog } from '@syn/audit';
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

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
  ) {}

  /** Read on every story view (a sign-off reads it with the story's lock), so plain SQL: TypeORM's findOneBy cost more than the statement. */
  async stepsFor(m: EntityManager, center: string): Promise<PolicySteps> {
    const rows: Array<{ steps: PolicySteps }> = await m.query(`SELECT steps FROM review_policies WHERE center_code = $1`, [center]);
    return rows[0]?.steps ?? DEFAULT_POLICY_STEPS;
  }

  async get(center: string): Promise<ReviewPolicyView> {
    const row = await this.dataSource.getRepository(ReviewPolicyEntity).findOneBy({ centerCode: center });
    return view(center, row);
  }

  /** Stories already part-way through keep their sign-offs; their next step follows the new policy. */
  async set(center: string, steps: PolicySteps, by: Principal): Promise<ReviewPolicyView> {
    const row: ReviewPolicyEntity = { centerCode: center, steps, updatedBy: by.name, updatedAt: new Date() };
    const before = await this.get(center);
    await this.dataSource.transaction(async (m) => {
      await m.getRepository(ReviewPolicyEntity).save(row);
      await this.audit.record(m, {
        center,
        storyId: null,
        subject: 'review-policy',
        actor: actorOf(by),
        action: 'review-policy.set',
        before: { steps: before.steps },
        after: { steps },
        at: row.updatedAt,
      });
    });
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
