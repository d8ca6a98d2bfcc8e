import { Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import { AuditLog, remoteActor } from '@syn/audit';
import { STORY_SUBMITTED, StorySubmitted } from '@syn/contracts';
import { EventHandler, EventHandlerRegistry, InboundEvent, PoisonMessageError } from '@syn/messaging';
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
export class StorySubmittedHandler implements EventHandler<StorySubmitted>, OnModuleInit {
  readonly type = STORY_SUBMITTED;
  readonly direction = 'up' as const;
  private readonly logger = new Logger('StorySubmitted');

  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly audit: AuditLog,
    private readonly autoAccept: AutoAcceptPolicy,
    private readonly reviewQueue: ReviewQueueService,
    private readonly families: StoryFamilyService,
    @Optional() @Inject(REVIEW_LISTENERS) private readonly listeners: ReviewListener[] = [],
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
    const rows: Array<{ previous_version: number | null; previous_status: string | null }> = await m.query(
      `INSERT INTO submissions (story_id, hub_code, origin_code, version, snapshot, content_hash, title, status, submitted_by, submitted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9)
       ON CONFLICT (story_id) DO UPDATE SET
         previous_version = submissions.version, previous_status = submissions.status, previous_reason = submissions.reason,
         version = EXCLUDED.version, snapshot = EXCLUDED.snapshot, content_hash = EXCLUDED.content_hash, title = EXCLUDED.title,
         status = 'pending', submitted_by = EXCLUDED.submitted_by, submitted_at = EXCLUDED.submitted_at, received_at = now(),
         decided_by = NULL, decided_at = NULL, reason = NULL, claimed_by = NULL, claimed_by_name = NULL, claim_expires_at = NULL
       WHERE submissions.version < EXCLUDED.version AND submissions.origin_code = EXCLUDED.origin_code
       RETURNING story_id, previous_version, previous_status`,
      [story.id, e.recipient, story.originCode, story.version, JSON.stringify(story), story.contentHash, story.title, e.payload.submittedBy, e.payload.submittedAt],
    );
    if (rows.length === 0) {
      this.logger.debug({ msg: 'stale or repeated submission ignored', hub: e.recipient, storyId: story.id, version: story.version });
      return;
    }
    await this.families.onSubmitted(m, e.recipient, story);
    for (const l of this.listeners) await l.onSubmitted(m, { story, hubCode: e.recipient, submittedBy: e.payload.submittedBy, submittedAt: new Date(e.payload.submittedAt) });
    const previous = rows[0].previous_version !== null ? { version: rows[0].previous_version, status: rows[0].previous_status } : null;
    await this.audit.record(m, {
      center: e.recipient,
      storyId: story.id,
      actor: remoteActor(e.payload.submittedBy, story.originCode),
      action: previous ? 'submission.resubmitted' : 'submission.received',
      before: previous,
      after: { version: story.version, status: 'pending', title: story.title },
      at: new Date(e.payload.submittedAt),
    });
    this.logger.log({ msg: previous ? 'resubmission queued' : 'submission queued', hub: e.recipient, origin: story.originCode, storyId: story.id, version: story.version, previousVersion: previous?.version });
    if (this.autoAccept.trusts(e.recipient, story.originCode)) await this.reviewQueue.acceptOnArrival(m, e.recipient, story.id);
  }
}
