import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditLog, remoteActor } from '@syn/audit';
import { ADOPTION_FEEDBACK, AdoptionFeedback, STORY_REPUBLISHED, StoryRepublished } from '@syn/contracts';
import { EventHandler, EventHandlerRegistry, InboundEvent, OutboxWriter, PoisonMessageError } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { PoolStoryEntity } from '../pool/pool-story.entity';
import { PoolAdoptionEntity } from './pool-adoption.entity';

/**
 * A child republished (转载) a story from this hub's pool. The hub records it and, in the same
 * transaction, sends adoption feedback (采用反馈) down to the story's origin: who, where, when.
 */
@Injectable()
export class StoryRepublishedHandler implements EventHandler<StoryRepublished>, OnModuleInit {
  readonly type = STORY_REPUBLISHED;
  readonly direction = 'up' as const;
  private readonly logger = new Logger('StoryRepublished');

  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly outbox: OutboxWriter,
    private readonly directory: CenterDirectory,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

  async handle(m: EntityManager, e: InboundEvent<StoryRepublished>): Promise<void> {
    const p = e.payload;
    const id = e.envelope.id;
    if (p.republishedBy !== e.route.child) throw new PoisonMessageError(`event ${id}: republished by ${p.republishedBy} but sent by ${e.route.child}`);
    if (p.hubCode !== e.recipient) throw new PoisonMessageError(`event ${id}: names pool ${p.hubCode} but was sent to ${e.recipient}`);
    const row = await m.getRepository(PoolStoryEntity).findOneBy({ storyId: p.storyId, hubCode: e.recipient });
    if (!row) throw new PoisonMessageError(`event ${id}: story ${p.storyId} is not in the pool of ${e.recipient}`);
    if (row.originCode !== p.originCode) throw new PoisonMessageError(`event ${id}: story ${p.storyId} comes from ${row.originCode}, not ${p.originCode}`);
    if (p.republishedBy === row.originCode) throw new PoisonMessageError(`event ${id}: center ${p.republishedBy} cannot republish its own story ${p.storyId}`);

    const adoptedAt = new Date(p.republishedAt);
    await m.insert(PoolAdoptionEntity, {
      eventId: id,
      hubCode: e.recipient,
      storyId: p.storyId,
      version: p.version,
      kind: 'republished',
      adopterCode: p.republishedBy,
      adoptedBy: p.user,
      channel: p.channel,
      adoptedAt,
    });
    await this.audit.record(m, {
      center: e.recipient,
      storyId: p.storyId,
      actor: remoteActor(p.user, p.republishedBy),
      action: 'pool.republished',
      before: null,
      after: { by: p.republishedBy, channel: p.channel, version: p.version },
      at: adoptedAt,
    });
    const origin = this.directory.has(row.originCode) ? this.directory.get(row.originCode) : null;
    if (!origin || origin.parent !== e.recipient) {
      this.logger.warn({
        msg: 'republication recorded; origin is not a child of this hub, no feedback sent',
        hub: e.recipient,
        storyId: p.storyId,
        origin: row.originCode,
      });
      return;
    }
    const adopter = this.directory.get(p.republishedBy);
    await this.outbox.append<AdoptionFeedback>(m, {
      type: ADOPTION_FEEDBACK,
      parent: e.recipient,
      child: row.originCode,
      payload: {
        storyId: p.storyId,
        originCode: row.originCode,
        version: p.version,
        kind: 'republished',
        adopter: { code: adopter.code, name: adopter.name, level: adopter.level },
        adoptedBy: p.user,
        channel: p.channel,
        adoptedAt: p.republishedAt,
      },
    });
    this.logger.log({
      msg: 'republication recorded; feedback sent to the origin',
      hub: e.recipient,
      storyId: p.storyId,
      origin: row.originCode,
      by: p.republishedBy,
      channel: p.channel,
    });
  }
}
