import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { ConflictException, ForbiddenException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { actorOf, AuditLog } from '@syn/audit';
import type { Principal } from '@syn/auth';
import { STORY_SUBMITTED } from '@syn/contracts';
import { assertNotWithdrawn } from '../stories/story-guards';
import { DeliveryLedger, OutboxWriter } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { DeferredInserts, SqlStatement } from '@syn/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { StoryEntity } from '../stories/story.entity';
import { toSnapshot } from '../stories/story-snapshot.mapper';
import { lockStory, storyOfRow } from '../stories/story-lock';
import { TopicInboxService } from '../topic-inbox/topic-inbox.service';
import { checkSignoff, DEFAULT_POLICY_STEPS, nextStep, PolicySteps, REVIEW_STEP_LABELS, ReviewRefusal, ReviewStep, Signoff } from './review-steps';

export interface SignedStory {
  story: StoryEntity;
  policy: PolicySteps;
}

/** States in which the story is at its own center, so its review can go on. */
const AT_HOME = new Set(['draft', 'returned', 'rejected']);

/**
 * 三审: the county's own review before a story may leave. Each step is signed by a user with the
 * right role, in order; the last step (终审) is the submission upstream (上报) itself, so a
 * story can never reach the hub without every step of its center's policy.
 */
@Injectable()
export class CountyReviewService {
  private readonly logger = new Logger('CountyReview');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly directory: CenterDirectory,
    private readonly audit: AuditLog,
    private readonly topics: TopicInboxService,
    private readonly ledger: DeliveryLedger,
    private readonly deferred: DeferredInserts,
  ) {}

  /**
   * Signs `step` of the current version; signing the last step submits the story. The policy read
   * for it comes back too, so the caller's view of the story needs no second read.
   */
  async sign(center: string, id: string, by: Principal, step: ReviewStep, note?: string): Promise<SignedStory> {
    return this.dataSource.transaction(async (m) => {
      const { story, policy } = await lockForSigning(m, center, id);
      assertNotWithdrawn(story);
      this.assertAtHome(story);
      try {
        checkSignoff({ stage: story.reviewStage, policy, step, signer: { userId: by.userId, role: by.role }, signoffs: story.reviewSignoffs });
      } catch (e) {
        throw this.refusal(e, center, id);
      }
      const now = new Date();
      const signoff: Signoff = { step, userId: by.userId, name: by.name, at: now.toISOString() };
      const before = { reviewStage: story.reviewStage, status: story.status };
      Object.assign(story, {
        reviewStage: step,
        reviewSignoffs: [...story.reviewSignoffs, signoff],
        sentBackReason: null,
        holderId: by.userId,
        holderName: by.name,
        updatedAt: now,
      });
      if (nextStep(step, policy) === null) return { story: await this.sendUp(m, story, by, now, before, note), policy };
      await this.audit.record(m, {
        center,
        storyId: id,
        actor: actorOf(by),
        action: `review.${step}`,
        before,
        after: { reviewStage: step, version: story.version, ...(note ? { note } : {}) },
        at: now,
      });
      await this.deferred.writeWith(m, reviewStateUpdate(story));
      this.logger.log({ msg: `${REVIEW_STEP_LABELS[step]} signed`, center, storyId: id, version: story.version, by: by.userId });
      return { story, policy };
    });
  }

  /** A reviewer sends the story back to its writer: every sign-off of this version is void. */
  async sendBack(center: string, id: string, by: Principal, reason: string): Promise<StoryEntity> {
    return this.dataSource.transaction(async (m) => {
      const story = await lockStory(m, center, id);
      this.assertAtHome(story);
      if (story.submittedVersion === story.version) {
        throw new StateConflict(
          API_ERROR_CODES.alreadySubmitted,
          `story ${id} of center ${center} version ${story.version} was already sent to ${story.submittedTo}; edit it to start a new version`,
        );
      }
      const now = new Date();
      const before = { reviewStage: story.reviewStage, reviewSignoffs: story.reviewSignoffs };
      Object.assign(story, { reviewStage: 'none', reviewSignoffs: [], sentBackReason: reason, holderId: by.userId, holderName: by.name, updatedAt: now });
      await this.audit.record(m, {
        center,
        storyId: id,
        actor: actorOf(by),
        action: 'review.sent-back',
        before,
        after: { reviewStage: 'none', reviewSignoffs: [], reason },
        at: now,
      });
      await this.deferred.writeWith(m, reviewStateUpdate(story));
      this.logger.log({ msg: 'sent back to the writer', center, storyId: id, version: story.version, by: by.userId });
      return story;
    });
  }

  /** 上报: the current version goes to the parent's review queue, through the outbox. */
  private async sendUp(m: EntityManager, story: StoryEntity, by: Principal, now: Date, before: object, note?: string): Promise<StoryEntity> {
    const parent = this.directory.parentOf(story.centerCode);
    if (!parent) throw new UnprocessableEntityException(`center ${story.centerCode} has no parent to submit to`);
    Object.assign(story, {
      status: 'submitted',
      submittedVersion: story.version,
      submittedTo: parent.code,
      submittedAt: now,
      decisionReason: null,
      decidedBy: null,
      decidedAt: null,
    });
    const sent = await this.outbox.append(m, {
      type: STORY_SUBMITTED,
      parent: parent.code,
      child: story.centerCode,
      payload: { story: toSnapshot(story), submittedBy: by.name, submittedAt: now.toISOString() },
    });
    // The parent now holds a copy: corrections and takedowns will follow it there.
    await this.ledger.record(m, {
      sender: story.centerCode,
      holder: parent.code,
      storyId: story.id,
      version: story.version,
      kind: 'delivery',
      eventId: sent.id,
    });
    await this.topics.answer(m, story, by, now);
    await this.audit.record(m, {
      center: story.centerCode,
      storyId: story.id,
      actor: actorOf(by),
      action: 'story.submitted',
      before,
      after: { reviewStage: 'final', status: 'submitted', submittedVersion: story.version, submittedTo: parent.code, ...(note ? { note } : {}) },
      at: now,
    });
    // With the outbox, ledger and audit rows queued above: one round trip before COMMIT instead of four.
    await this.deferred.writeWith(m, reviewStateUpdate(story));
    this.logger.log({
      msg: '终审 signed; submitted upstream',
      center: story.centerCode,
      storyId: story.id,
      version: story.version,
      to: parent.code,
      by: by.userId,
    });
    return story;
  }

  private assertAtHome(story: StoryEntity) {
    if (story.status === 'submitted')
      throw new StateConflict(
        API_ERROR_CODES.alreadySubmitted,
        `story ${story.id} version ${story.version} is already awaiting review at ${story.submittedTo}`,
      );
    if (story.status === 'accepted') throw new StateConflict(API_ERROR_CODES.alreadyInPool, `story ${story.id} is already in the pool of ${story.submittedTo}`);
    if (!AT_HOME.has(story.status)) throw new ConflictException(`story ${story.id} of center ${story.centerCode} is ${story.status}`);
    if (story.submittedVersion === story.version && story.reviewStage === 'final') {
      throw new ConflictException(
        `story ${story.id} version ${story.version} came back ${story.status} from ${story.submittedTo}; edit it to make a new version before it is reviewed again`,
      );
    }
  }

  private refusal(e: unknown, center: string, id: string): Error {
    if (!(e instanceof ReviewRefusal)) return e as Error;
    const message = `story ${id} of center ${center}: ${e.message}`;
    return e.kind === 'wrong-role' || e.kind === 'same-signer' ? new ForbiddenException(message) : new StateConflict(API_ERROR_CODES.reviewOutOfOrder, message);
  }
}

/**
 * The story row, locked for the rest of the transaction, and its center's review policy, in one
 * statement: every sign-off needs both, and each statement is a round trip.
 */
async function lockForSigning(m: EntityManager, center: string, id: string): Promise<SignedStory> {
  const rows: Array<Record<string, unknown> & { policy_steps: PolicySteps | null }> = await m.query(
    `SELECT s.*, p.steps AS policy_steps FROM stories s LEFT JOIN review_policies p ON p.center_code = s.center_code
      WHERE s.id = $1 AND s.center_code = $2 FOR UPDATE OF s`,
    [id, center],
  );
  if (!rows[0]) throw new NotFoundException(`story ${id} not found at center ${center}`);
  return { story: storyOfRow(m, rows[0]), policy: rows[0].policy_steps ?? DEFAULT_POLICY_STEPS };
}

/**
 * What a sign-off, a send-back or 上报 changes on a story locked by this transaction, as one
 * UPDATE, sent with the rows the transaction queued (audit, outbox, ledger) as its last write.
 * TypeORM's save would first read the row again to diff it, which on the submit path cost more
 * than the rest of the request's statements.
 */
function reviewStateUpdate(s: StoryEntity): SqlStatement {
  return {
    sql: `UPDATE stories SET status = $3, review_stage = $4, review_signoffs = $5::jsonb, sent_back_reason = $6, holder_id = $7, holder_name = $8,
            updated_at = $9, submitted_version = $10, submitted_to = $11, submitted_at = $12, decision_reason = $13, decided_by = $14, decided_at = $15
      WHERE id = $1 AND center_code = $2`,
    params: [
      s.id,
      s.centerCode,
      s.status,
      s.reviewStage,
      JSON.stringify(s.reviewSignoffs),
      s.sentBackReason,
      s.holderId,
      s.holderName,
      s.updatedAt,
      s.submittedVersion,
      s.submittedTo,
      s.submittedAt,
      s.decisionReason,
      s.decidedBy,
      s.decidedAt,
    ],
  };
}
