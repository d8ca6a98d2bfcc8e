import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { ConflictException, ForbiddenException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { actorOf, AuditLog } from '@syn/audit';
import type { Principal } from '@syn/auth';
import { STORY_SUBMITTED, StorySubmitted } from '@syn/contracts';
import { DeliveryLedger } from '@syn/delivery';
import { assertNotWithdrawn } from '../stories/story-guards';
import { OutboxWriter } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { DataSource, EntityManager } from 'typeorm';
import { StoryEntity } from '../stories/story.entity';
import { toSnapshot } from '../stories/story-snapshot.mapper';
import { TopicInboxService } from '../topic-inbox/topic-inbox.service';
import { ReviewPolicyService } from './review-policy.service';
import { checkSignoff, nextStep, REVIEW_STEP_LABELS, ReviewRefusal, ReviewStep, Signoff } from './review-steps';

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
    private readonly policies: ReviewPolicyService,
    private readonly audit: AuditLog,
    private readonly topics: TopicInboxService,
    private readonly ledger: DeliveryLedger,
  ) {}

  /** Signs `step` of the current version; signing the last step submits the story. */
  async sign(center: string, id: string, by: Principal, step: ReviewStep, note?: string): Promise<StoryEntity> {
    return this.dataSource.transaction(async (m) => {
      const story = await this.lock(m, center, id);
      assertNotWithdrawn(story);
      this.assertAtHome(story);
      const policy = await this.policies.stepsFor(m, center);
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
      if (nextStep(step, policy) === null) return this.sendUp(m, story, by, now, before, note);
      await m.save(story);
      await this.audit.record(m, {
        center,
        storyId: id,
        actor: actorOf(by),
        action: `review.${step}`,
        before,
        after: { reviewStage: step, version: story.version, ...(note ? { note } : {}) },
        at: now,
      });
      this.logger.log({ msg: `${REVIEW_STEP_LABELS[step]} signed`, center, storyId: id, version: story.version, by: by.userId });
      return story;
    });
  }

  /** A reviewer sends the story back to its writer: every sign-off of this version is void. */
  async sendBack(center: string, id: string, by: Principal, reason: string): Promise<StoryEntity> {
    return this.dataSource.transaction(async (m) => {
      const story = await this.lock(m, center, id);
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
      await m.save(story);
      await this.audit.record(m, {
        center,
        storyId: id,
        actor: actorOf(by),
        action: 'review.sent-back',
        before,
        after: { reviewStage: 'none', reviewSignoffs: [], reason },
        at: now,
      });
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
    await m.save(story);
    const sent = await this.outbox.append<StorySubmitted>(m, {
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

  private async lock(m: EntityManager, center: string, id: string): Promise<StoryEntity> {
    const story = await m.getRepository(StoryEntity).findOne({ where: { id, centerCode: center }, lock: { mode: 'pessimistic_write' } });
    if (!story) throw new NotFoundException(`story ${id} not found at center ${center}`);
    return story;
  }
}
