import { Injectable, Logger } from '@nestjs/common';
import { AuditLog, remoteActor } from '@syn/audit';
import { ADOPTION_FEEDBACK, AdoptionFeedback } from '@syn/contracts';
import { EventHandler, InboundEvent, OnTreeEvent, OutboxWriter, PoisonMessageError } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { StoryEntity } from '../stories/story.entity';
import { StoryFeedbackEntity } from './story-feedback.entity';

/**
 * 采用反馈 arriving from the parent. Addressed to a story of ours: it is recorded and shows on
 * the story. Addressed to a child's story (we are the hub between the adopter and the origin):
 * it is passed on down, unchanged, in the same transaction as its inbox record.
 */
@Injectable()
@OnTreeEvent(ADOPTION_FEEDBACK)
export class AdoptionFeedbackHandler implements EventHandler<AdoptionFeedback> {
  private readonly logger = new Logger('AdoptionFeedback');

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly directory: CenterDirectory,
    private readonly audit: AuditLog,
  ) {}

  async handle(m: EntityManager, e: InboundEvent<AdoptionFeedback>): Promise<void> {
    const f = e.payload;
    if (f.originCode === e.recipient) return this.record(m, e);
    if (this.directory.has(f.originCode) && this.directory.parentOf(f.originCode)?.code === e.recipient) {
      await this.outbox.append(m, { type: ADOPTION_FEEDBACK, parent: e.recipient, child: f.originCode, payload: f });
      this.logger.log({
        msg: 'adoption feedback relayed to the origin',
        center: e.recipient,
        origin: f.originCode,
        storyId: f.storyId,
        adopter: f.adopter.code,
      });
      return;
    }
    throw new PoisonMessageError(
      `event ${e.envelope.id}: feedback on story ${f.storyId} of ${f.originCode} reached ${e.recipient}, which is neither its origin nor the origin's parent`,
    );
  }

  private async record(m: EntityManager, e: InboundEvent<AdoptionFeedback>): Promise<void> {
    const f = e.payload;
    const story = await m.getRepository(StoryEntity).findOneBy({ id: f.storyId, centerCode: e.recipient });
    if (!story) throw new PoisonMessageError(`event ${e.envelope.id}: feedback for story ${f.storyId} which center ${e.recipient} does not hold`);
    const adoptedAt = new Date(f.adoptedAt);
    await m
      .createQueryBuilder()
      .insert()
      .into(StoryFeedbackEntity)
      .values({
        eventId: e.envelope.id,
        centerCode: e.recipient,
        storyId: f.storyId,
        version: f.version,
        kind: f.kind,
        adopterCode: f.adopter.code,
        adopterName: f.adopter.name,
        adopterLevel: f.adopter.level,
        adoptedBy: f.adoptedBy,
        channel: f.channel,
        note: f.note ?? null,
        adoptedAt,
        receivedAt: new Date(),
      })
      .orIgnore()
      .execute();
    await this.audit.record(m, {
      center: e.recipient,
      storyId: f.storyId,
      actor: remoteActor(f.adoptedBy, f.adopter.code),
      action: `feedback.${f.kind}`,
      before: null,
      after: { kind: f.kind, adopter: f.adopter, channel: f.channel, version: f.version, adoptedAt: f.adoptedAt },
      at: adoptedAt,
    });
    this.logger.log({ msg: 'adoption feedback recorded', center: e.recipient, storyId: f.storyId, kind: f.kind, adopter: f.adopter.code, channel: f.channel });
  }
}
