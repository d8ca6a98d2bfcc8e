import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { actorOf, AuditLog } from '@syn/audit';
import type { Principal } from '@syn/auth';
import { AppEnv } from '@syn/config';
import { DataSource, EntityManager } from 'typeorm';
import { SubmissionEntity } from '../review-queue/submission.entity';
import { claimedByOther, ClaimView, liveClaim } from './claim-rules';

/**
 * 领稿: a curator claims a queued story so that no other curator works it at the same time. The
 * claim lasts REVIEW_CLAIM_TTL_SECONDS (claiming again renews it); an expired claim is as good
 * as none. Deciding needs no separate claim: a free story is claimed by the decision itself.
 */
@Injectable()
export class ClaimService {
  private readonly logger = new Logger('ReviewClaims');

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly env: AppEnv,
  ) {}

  async claim(hub: string, storyId: string, by: Principal): Promise<ClaimView> {
    return this.dataSource.transaction(async (m) => {
      const sub = await this.lockPending(m, hub, storyId);
      const now = new Date();
      this.assertFree(sub, by, now);
      const renewed = liveClaim(sub, now) !== null;
      const expires = new Date(now.getTime() + this.env.REVIEW_CLAIM_TTL_SECONDS * 1000);
      await m.update(SubmissionEntity, { storyId }, { claimedBy: by.userId, claimedByName: by.name, claimExpiresAt: expires });
      await this.audit.record(m, {
        center: hub,
        storyId,
        actor: actorOf(by),
        action: renewed ? 'claim.renewed' : 'claim.taken',
        before: { claimedBy: sub.claimedBy, claimExpiresAt: sub.claimExpiresAt?.toISOString() ?? null },
        after: { claimedBy: by.userId, claimExpiresAt: expires.toISOString() },
        at: now,
      });
      this.logger.log({ msg: renewed ? 'claim renewed' : 'story claimed', hub, storyId, by: by.userId, expiresAt: expires.toISOString() });
      return { claimedBy: by.userId, claimedByName: by.name, expiresAt: expires.toISOString() };
    });
  }

  async release(hub: string, storyId: string, by: Principal): Promise<{ storyId: string; released: true }> {
    return this.dataSource.transaction(async (m) => {
      const sub = await this.lockPending(m, hub, storyId);
      const now = new Date();
      const held = liveClaim(sub, now);
      if (!held || held.claimedBy !== by.userId) {
        throw new StateConflict(
          API_ERROR_CODES.notClaimHolder,
          `story ${storyId} at ${hub} is not claimed by ${by.userId}${held ? ` (it is claimed by ${held.claimedByName} until ${held.expiresAt})` : ''}`,
        );
      }
      await m.update(SubmissionEntity, { storyId }, { claimedBy: null, claimedByName: null, claimExpiresAt: null });
      await this.audit.record(m, {
        center: hub,
        storyId,
        actor: actorOf(by),
        action: 'claim.released',
        before: { claimedBy: by.userId },
        after: { claimedBy: null },
        at: now,
      });
      return { storyId, released: true as const };
    });
  }

  /** Inside a decision's transaction: refuses while another curator's claim lives. */
  assertFree(sub: SubmissionEntity, by: Principal, now: Date): void {
    const other = claimedByOther(sub, by.userId, now);
    if (other) {
      throw new StateConflict(
        API_ERROR_CODES.claimedByOther,
        `story ${sub.storyId} at ${sub.hubCode} is claimed by ${other.claimedByName} (${other.claimedBy}) until ${other.expiresAt}`,
      );
    }
  }

  private async lockPending(m: EntityManager, hub: string, storyId: string): Promise<SubmissionEntity> {
    const sub = await m.getRepository(SubmissionEntity).findOne({ where: { storyId, hubCode: hub }, lock: { mode: 'pessimistic_write' } });
    if (!sub) throw new NotFoundException(`story ${storyId} is not in the review queue of ${hub}`);
    if (sub.status !== 'pending')
      throw new StateConflict(
        API_ERROR_CODES.alreadyDecided,
        `story ${storyId} v${sub.version} was already ${sub.status} at ${hub}; there is nothing to claim`,
      );
    return sub;
  }
}
