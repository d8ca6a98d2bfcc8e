import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { STORY_SUBMITTED, StorySubmitted } from '@syn/contracts';
import { EventHandler, EventHandlerRegistry, InboundEvent, PoisonMessageError } from '@syn/messaging';
import { EntityManager } from 'typeorm';
import { AutoAcceptPolicy, autoAcceptPrincipal } from '../auto-accept/auto-accept.policy';
import { assertSnapshotIntegrity } from '../snapshot-integrity';
import { ReviewQueueService } from './review-queue.service';
import { SubmissionEntity } from './submission.entity';

/**
 * A child's submission lands in the review queue. Versions only move forward: an older or equal
 * version than the one held is a no-op, and a newer one replaces a pending entry. A batch is
 * written with one statement; submissions from trusted children are accepted in the same
 * transaction (HUB_AUTO_ACCEPT_FROM).
 */
@Injectable()
export class StorySubmittedHandler implements EventHandler<StorySubmitted>, OnModuleInit {
  readonly type = STORY_SUBMITTED;
  readonly direction = 'up' as const;
  private readonly logger = new Logger('StorySubmitted');

  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly autoAccept: AutoAcceptPolicy,
    private readonly reviewQueue: ReviewQueueService,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

  handle(m: EntityManager, e: InboundEvent<StorySubmitted>): Promise<void> {
    return this.handleBatch(m, [e]);
  }

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
    const rows: Array<{ story_id: string; received_at: Date }> = await m.query(
      `INSERT INTO submissions (story_id, hub_code, origin_code, version, snapshot, content_hash, title, status, submitted_by, submitted_at)
       SELECT story_id, hub_code, origin_code, version, snapshot, content_hash, title, 'pending', submitted_by, submitted_at
       FROM unnest($1::uuid[], $2::char(6)[], $3::char(6)[], $4::int[], $5::jsonb[], $6::char(64)[], $7::text[], $8::text[], $9::timestamptz[])
         AS s(story_id, hub_code, origin_code, version, snapshot, content_hash, title, submitted_by, submitted_at)
       ON CONFLICT (story_id) DO UPDATE SET
         version = EXCLUDED.version, snapshot = EXCLUDED.snapshot, content_hash = EXCLUDED.content_hash, title = EXCLUDED.title,
         status = 'pending', submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at, received_at = now(),
         decided_by = NULL, decided_at = NULL, reason = NULL
       WHERE submissions.version < EXCLUDED.version AND submissions.origin_code = EXCLUDED.origin_code
       RETURNING story_id, received_at`,
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
    const queued = new Map(rows.map((r) => [r.story_id, r.received_at]));
    this.logger.log({ msg: 'submissions queued', hubs: [...new Set(list.map((e) => e.recipient))], count: rows.length, storyIds: [...queued.keys()] });

    const trusted = list.filter((e) => queued.has(e.payload.story.id) && this.autoAccept.trusts(e.recipient, e.payload.story.originCode));
    // One principal per hub: a process may host several hubs, each records its own decision.
    for (const hub of new Set(trusted.map((e) => e.recipient))) {
      const subs = trusted.filter((e) => e.recipient === hub).map((e) => this.queuedSubmission(e, queued.get(e.payload.story.id)!));
      await this.reviewQueue.acceptQueued(m, subs, autoAcceptPrincipal(hub));
    }
  }

  private queuedSubmission(e: InboundEvent<StorySubmitted>, receivedAt: Date): SubmissionEntity {
    const { story } = e.payload;
    return {
      storyId: story.id,
      hubCode: e.recipient,
      originCode: story.originCode,
      version: story.version,
      snapshot: story,
      contentHash: story.contentHash,
      title: story.title,
      status: 'pending',
      submittedBy: e.payload.submittedBy,
      submittedAt: new Date(e.payload.submittedAt),
      receivedAt,
      decidedBy: null,
      decidedAt: null,
      reason: null,
    };
  }
}
