import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AuditLog, remoteActor } from '@syn/audit';
import { STORY_SUBMITTED, StorySubmitted } from '@syn/contracts';
import { EventHandler, InboundEvent, OnTreeEvent, PoisonMessageError } from '@syn/messaging';
import { EntityManager } from 'typeorm';
import { AutoAcceptPolicy } from '../auto-accept/auto-accept.policy';
import { ReviewQueueService } from './review-queue.service';
import { StoryFamilyService } from '../near-duplicates/story-family.service';
import { assertSnapshotIntegrity } from '../snapshot-integrity';
import { REVIEW_LISTENERS, ReviewListener } from './review-listener';

/**
 * A child's submission lands in the review queue. Versions only move forward: an older or equal
 * version than the one held is a no-op, and a newer one replaces the entry, whatever was decided
 * about the older one: that is how a county answers 退改 (and reworks a 退稿). The replaced
 * entry's version, decision and reason stay visible as previous_*, and any claim on it ends.
 */
@Injectable()
@OnTreeEvent(STORY_SUBMITTED)
export class StorySubmittedHandler implements EventHandler<StorySubmitted> {
  private readonly logger = new Logger('StorySubmitted');

  constructor(
    private readonly audit: AuditLog,
    private readonly autoAccept: AutoAcceptPolicy,
    private readonly reviewQueue: ReviewQueueService,
    private readonly families: StoryFamilyService,
    @Optional() @Inject(REVIEW_LISTENERS) private readonly listeners: ReviewListener[] = [],
  ) {}

  handle(m: EntityManager, e: InboundEvent<StorySubmitted>): Promise<void> {
    return this.handleBatch(m, [e]);
  }

  /**
   * A consumer batch at once: one statement queues every submission, one accepts the trusted
   * ones. A poison event throws before anything is written, and the consumer retries the batch
   * one event at a time, which parks just that event.
   */
  async handleBatch(m: EntityManager, events: InboundEvent<StorySubmitted>[]): Promise<void> {
    // One row per story and statement: of two versions in one batch, the newer one is the one that counts.
    const newest = new Map<string, InboundEvent<StorySubmitted>>();
    for (const e of events) {
      const { story } = e.payload;
      if (story.originCode !== e.route.child) {
        throw new PoisonMessageError(`event ${e.envelope.id}: story ${story.id} claims origin ${story.originCode} but was submitted by ${e.route.child}`);
      }
      assertSnapshotIntegrity(story, e.envelope.id);
      const held = newest.get(story.id);
      if (!held || held.payload.story.version < story.version) newest.set(story.id, e);
    }
    const list = [...newest.values()];
    const rows: Array<{ story_id: string; previous_version: number | null; previous_status: string | null }> = await m.query(
      `INSERT INTO submissions (story_id, hub_code, origin_code, version, snapshot, content_hash, title, status, submitted_by, submitted_at)
       SELECT story_id, hub_code, origin_code, version, snapshot, content_hash, title, 'pending', submitted_by, submitted_at
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::jsonb[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
           AS s(story_id, hub_code, origin_code, version, snapshot, content_hash, title, submitted_by, submitted_at)
       ON CONFLICT (story_id) DO UPDATE SET
         previous_version = submissions.version, previous_status = submissions.status, previous_reason = submissions.reason,
         version = EXCLUDED.version, snapshot = EXCLUDED.snapshot, content_hash = EXCLUDED.content_hash, title = EXCLUDED.title,
         status = 'pending', submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at, received_at = now(),
         decided_by = NULL, decided_at = NULL, reason = NULL, claimed_by = NULL, claimed_by_name = NULL, claim_expires_at = NULL
       WHERE submissions.version < EXCLUDED.version AND submissions.origin_code = EXCLUDED.origin_code
       RETURNING story_id, previous_version, previous_status`,
      [
        list.map((e) => e.payload.story.id),
        list.map((e) => e.recipient),
        list.map((e) => e.payload.story.originCode),
        list.map((e) => e.payload.story.version),
        list.map((e) => JSON.stringify(e.payload.story)),
        list.map((e) => e.payload.story.contentHash),
        list.map((e) => e.payload.story.title),
        list.map((e) => e.payload.submittedBy),
        list.map((e) => e.payload.submittedAt),
      ],
    );
    if (rows.length < list.length) this.logger.debug({ msg: 'stale or repeated submissions ignored', count: list.length - rows.length });
    if (rows.length === 0) return;
    const queued = new Map(rows.map((r) => [r.story_id, r]));
    const fresh = list.filter((e) => queued.has(e.payload.story.id));
    // Segmented and fingerprinted once: the family lookup, the pool's search and story.pooled share it.
    const texts = new Map(fresh.map((e) => [e.payload.story.id, this.families.analyze(e.payload.story)]));
    const trusted = fresh.filter((e) => this.autoAccept.trusts(e.recipient, e.payload.story.originCode));
    const pooledNow = new Set(trusted);
    await this.families.onSubmittedMany(
      m,
      fresh.map((e) => ({ hub: e.recipient, story: e.payload.story, text: texts.get(e.payload.story.id), pooledNow: pooledNow.has(e) })),
    );
    for (const e of fresh) {
      const { story } = e.payload;
      for (const l of this.listeners)
        await l.onSubmitted(m, { story, hubCode: e.recipient, submittedBy: e.payload.submittedBy, submittedAt: new Date(e.payload.submittedAt) });
      const row = queued.get(story.id)!;
      const previous = row.previous_version !== null ? { version: row.previous_version, status: row.previous_status } : null;
      await this.audit.record(m, {
        center: e.recipient,
        storyId: story.id,
        actor: remoteActor(e.payload.submittedBy, story.originCode),
        action: previous ? 'submission.resubmitted' : 'submission.received',
        before: previous,
        after: { version: story.version, status: 'pending', title: story.title },
        at: new Date(e.payload.submittedAt),
      });
    }
    this.logger.log({
      msg: 'submissions queued',
      hubs: [...new Set(fresh.map((e) => e.recipient))],
      count: fresh.length,
      storyIds: fresh.map((e) => e.payload.story.id),
    });
    // 自动入库, one hub at a time: each records its own rule as the decider.
    for (const hub of new Set(trusted.map((e) => e.recipient))) {
      await this.reviewQueue.acceptQueued(
        m,
        hub,
        trusted.filter((e) => e.recipient === hub).map((e) => e.payload.story),
        texts,
      );
    }
  }
}
