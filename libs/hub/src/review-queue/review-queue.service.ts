import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { Inject, Injectable, Logger, NotFoundException, Optional } from '@nestjs/common';
import { actorOf, AuditLog } from '@syn/audit';
import { Principal } from '@syn/auth';
import { REVIEW_DECIDED, StorySnapshot } from '@syn/contracts';
import { OutboxWriter } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { keysetPage, pageLimit } from '@syn/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { autoAcceptPrincipal } from '../auto-accept/auto-accept.policy';
import { ClaimService } from '../claims/claim.service';
import { DECIDED_BANDS_DELETE } from '../near-duplicates/submission-near-duplicates.sql';
import { liveClaim } from '../claims/claim-rules';
import { PoolAnnouncer } from '../pool/pool-announcer';
import { PoolRow } from '../pool/pool-story.entity';
import { writePoolRows } from '../pool/pool-rows.writer';
import { poolRowFromSnapshot } from '../pool/pool-story.mapper';
import { FamilySummary, StoryFamilyService } from '../near-duplicates/story-family.service';
import { ReviewDecisionDto, ReviewQueueQuery } from './review-decision.dto';
import { REVIEW_LISTENERS, ReviewListener } from './review-listener';
import { SubmissionEntity } from './submission.entity';
import type { StoryText } from '../story-text/story-text';

const OUTCOME = { accept: 'accepted', reject: 'rejected', return: 'returned' } as const;

@Injectable()
export class ReviewQueueService {
  private readonly logger = new Logger('ReviewQueue');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly directory: CenterDirectory,
    private readonly claims: ClaimService,
    private readonly audit: AuditLog,
    private readonly announcer: PoolAnnouncer,
    private readonly families: StoryFamilyService,
    @Optional() @Inject(REVIEW_LISTENERS) private readonly reviewListeners: ReviewListener[] = [],
  ) {}

  async list(hub: string, q: ReviewQueueQuery) {
    const qb = this.dataSource
      .getRepository(SubmissionEntity)
      .createQueryBuilder('s')
      .where('s.hub_code = :hub', { hub })
      .andWhere('s.status = :status', { status: q.status ?? 'pending' });
    if (q.origin) qb.andWhere('s.origin_code = :origin', { origin: q.origin });
    const page = await keysetPage(qb, {
      at: 's.received_at',
      id: 's.story_id',
      limit: pageLimit(q),
      cursor: q.cursor,
      position: (s) => ({ at: s.receivedAt, id: s.storyId }),
    });
    const now = new Date();
    const families = await this.families.familiesOf(
      hub,
      page.items.map((s) => s.storyId),
    );
    return {
      items: page.items.map((s) => this.item(s, now, families.get(s.storyId) ?? null)),
      nextCursor: page.nextCursor,
    };
  }

  /** One entry of the queue, as the list shows it: what a desk opens from a live-feed event. */
  async get(hub: string, storyId: string) {
    const s = await this.dataSource.getRepository(SubmissionEntity).findOneBy({ hubCode: hub, storyId });
    if (!s) throw new NotFoundException(`story ${storyId} is not in the review queue of ${hub}`);
    const families = await this.families.familiesOf(hub, [storyId]);
    return this.item(s, new Date(), families.get(storyId) ?? null);
  }

  private item(s: SubmissionEntity, now: Date, family: FamilySummary | null) {
    return {
      storyId: s.storyId,
      originCode: s.originCode,
      originName: this.directory.has(s.originCode) ? this.directory.get(s.originCode).name : s.originCode,
      version: s.version,
      status: s.status,
      title: s.title,
      story: s.snapshot,
      submittedBy: s.submittedBy,
      submittedAt: s.submittedAt.toISOString(),
      receivedAt: s.receivedAt.toISOString(),
      decidedBy: s.decidedBy,
      decidedAt: s.decidedAt?.toISOString() ?? null,
      reason: s.reason,
      claim: s.status === 'pending' ? liveClaim(s, now) : null,
      // A newer version that replaced an earlier entry: the curator sees what became of the earlier one.
      resubmission:
        s.previousVersion !== null ? { previousVersion: s.previousVersion, previousStatus: s.previousStatus, previousReason: s.previousReason } : null,
      // Near-duplicates filed by other centers (同题稿件); GET …/review-queue/:storyId/family has them side by side.
      family,
    };
  }

  /**
   * 入库, 退稿 or 退改. The decision, the pool row, the audit entry and the events announcing them
   * commit together. Another curator's live claim stops it; a free story needs no claim first.
   */
  async decide(hub: string, storyId: string, dto: ReviewDecisionDto, by: Principal) {
    return this.dataSource.transaction((m) => this.decideIn(m, hub, storyId, dto, by));
  }

  /**
   * 自动入库 for submissions the caller's transaction has just queued: the same outcome as a
   * curator's decision (audit, pool, ledger, events), recorded as the hub's rule, with one
   * statement per table for the whole set. They were written pending and unclaimed by this
   * transaction, which holds their rows, so there is nothing to lock or re-read.
   */
  async acceptQueued(m: EntityManager, hub: string, stories: StorySnapshot[], texts?: ReadonlyMap<string, StoryText>): Promise<void> {
    if (stories.length === 0) return;
    const by = autoAcceptPrincipal(hub);
    const now = new Date();
    // TypeORM answers an UPDATE with [rows, count].
    // Decided, so out of the pending near-duplicate lookup: its bands go in the same statement.
    const [accepted]: [Array<{ story_id: string }>, number] = await m.query(
      `WITH decided_bands AS (${DECIDED_BANDS_DELETE})
       UPDATE submissions SET status = 'accepted', decided_by = $3, decided_at = $4, reason = NULL,
              claimed_by = NULL, claimed_by_name = NULL, claim_expires_at = NULL
        WHERE story_id = ANY($1::uuid[]) AND hub_code = $2 AND status = 'pending'
        RETURNING story_id`,
      [stories.map((s) => s.id), hub, by.name, now],
    );
    const ids = new Set(accepted.map((r) => r.story_id));
    const list = stories.filter((s) => ids.has(s.id));
    if (list.length === 0) return;
    for (const s of list) {
      await this.audit.record(m, {
        center: hub,
        storyId: s.id,
        actor: actorOf(by),
        action: 'review.accepted',
        before: { status: 'pending', version: s.version },
        after: { status: 'accepted', version: s.version, reason: null },
        at: now,
      });
    }
    await writePoolRows(
      m,
      list.map((s) => poolRowFromSnapshot(s, hub, by.name, now)),
    );
    await this.announcer.announceMany(
      m,
      list.map((s) => ({ story: s, hubCode: hub, pooledBy: by.name, pooledAt: now, edition: 0, text: texts?.get(s.id) })),
    );
    for (const s of list) {
      for (const l of this.reviewListeners) await l.onDecided(m, { story: s, hubCode: hub, decision: 'accepted', decidedBy: by.name, decidedAt: now });
    }
    await this.outbox.appendMany(
      m,
      list.map((s) => ({
        type: REVIEW_DECIDED,
        parent: hub,
        child: s.originCode,
        payload: { storyId: s.id, version: s.version, hubCode: hub, decision: 'accepted', reason: null, decidedBy: by.name, decidedAt: now.toISOString() },
      })),
    );
    this.logger.log({ msg: 'submissions accepted', hub, count: list.length, storyIds: list.map((s) => s.id), by: by.userId });
  }

  private async decideIn(m: EntityManager, hub: string, storyId: string, dto: ReviewDecisionDto, by: Principal) {
    const sub = await m.getRepository(SubmissionEntity).findOne({ where: { storyId, hubCode: hub }, lock: { mode: 'pessimistic_write' } });
    if (!sub) throw new NotFoundException(`story ${storyId} is not in the review queue of ${hub}`);
    if (sub.status !== 'pending')
      throw new StateConflict(API_ERROR_CODES.alreadyDecided, `story ${storyId} v${sub.version} was already ${sub.status} at ${hub} by ${sub.decidedBy}`);
    const now = new Date();
    this.claims.assertFree(sub, by, now);
    return this.record(m, sub, OUTCOME[dto.decision], dto.reason ?? null, by, now);
  }

  /**
   * Writes one decision on a locked pending submission: its status, the audit entry, the pool row
   * for an acceptance (`pooled` overrides the text pooled, e.g. a merge's combined credits), the
   * review listeners and the event to the origin. Shared by single decisions and merges.
   */
  async record(
    m: EntityManager,
    sub: SubmissionEntity,
    status: 'accepted' | 'rejected' | 'returned',
    reason: string | null,
    by: Principal,
    now: Date,
    opts: { action?: string; auditAfter?: Record<string, unknown>; pooled?: { row: PoolRow; story: StorySnapshot }; mergedInto?: string } = {},
  ) {
    const { storyId, hubCode: hub } = sub;
    await m.update(
      SubmissionEntity,
      { storyId },
      { status, decidedBy: by.name, decidedAt: now, reason, claimedBy: null, claimedByName: null, claimExpiresAt: null },
    );
    await m.query(DECIDED_BANDS_DELETE, [[storyId]]);
    await this.audit.record(m, {
      center: hub,
      storyId,
      actor: actorOf(by),
      action: opts.action ?? `review.${status}`,
      before: { status: sub.status, version: sub.version },
      after: { status, version: sub.version, reason, ...opts.auditAfter },
      at: now,
    });
    if (status === 'accepted') await this.pool(m, sub, by, now, opts.pooled);
    for (const l of this.reviewListeners)
      await l.onDecided(m, { story: sub.snapshot, hubCode: hub, decision: status, decidedBy: by.name, decidedAt: now, mergedInto: opts.mergedInto });
    await this.outbox.append(m, {
      type: REVIEW_DECIDED,
      parent: hub,
      child: sub.originCode,
      payload: { storyId, version: sub.version, hubCode: hub, decision: status, reason, decidedBy: by.name, decidedAt: now.toISOString() },
    });
    this.logger.log({ msg: `submission ${status}`, hub, storyId, version: sub.version, origin: sub.originCode, by: by.userId });
    return { storyId, version: sub.version, status, reason, decidedBy: by.name, decidedAt: now.toISOString() };
  }

  private async pool(m: EntityManager, sub: SubmissionEntity, by: Principal, now: Date, pooled?: { row: PoolRow; story: StorySnapshot }) {
    const row = pooled?.row ?? poolRowFromSnapshot(sub.snapshot, sub.hubCode, by.name, now);
    await writePoolRows(m, [row]);
    await this.announcer.announce(m, { story: pooled?.story ?? sub.snapshot, hubCode: sub.hubCode, pooledBy: by.name, pooledAt: now, edition: row.edition });
  }
}
