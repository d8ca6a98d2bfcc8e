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
 * version than the one held is a no-op, and a newer one replaces a pending entry.
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

  async handle(m: EntityManager, e: InboundEvent<StorySubmitted>): Promise<void> {
    const { story } = e.payload;
    if (story.originCode !== e.route.child) {
      throw new PoisonMessageError(`event ${e.envelope.id}: story ${story.id} claims origin ${story.originCode} but was submitted by ${e.route.child}`);
    }
    assertSnapshotIntegrity(story, e.envelope.id);
    const rows: unknown[] = await m.query(
      `INSERT INTO submissions (story_id, hub_code, origin_code, version, snapshot, content_hash, title, status, submitted_by, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9)
       ON CONFLICT (story_id) DO UPDATE SET
         version = EXCLUDED.version, snapshot = EXCLUDED.snapshot, content_hash = EXCLUDED.content_hash, title = EXCLUDED.title,
         status = 'pending', submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at, received_at = now(),
         decided_by = NULL, decided_at = NULL, reason = NULL
       WHERE submissions.version < EXCLUDED.version AND submissions.origin_code = EXCLUDED.origin_code
       RETURNING story_id`,
      [story.id, e.recipient, story.originCode, story.version, JSON.stringify(story), story.contentHash, story.title, e.payload.submittedBy, e.payload.submittedAt],
    );
    if (rows.length === 0) {
      this.logger.debug({ msg: 'stale or repeated submission ignored', hub: e.recipient, storyId: story.id, version: story.version });
      return;
    }
    this.logger.log({ msg: 'submission queued', hub: e.recipient, origin: story.originCode, storyId: story.id, version: story.version });
    if (this.autoAccept.trusts(e.recipient, story.originCode)) {
      const queued: SubmissionEntity = {
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
        receivedAt: new Date(),
        decidedBy: null,
        decidedAt: null,
        reason: null,
      };
      await this.reviewQueue.decideQueued(m, queued, { decision: 'accept' }, autoAcceptPrincipal(e.recipient));
    }
  }
}
