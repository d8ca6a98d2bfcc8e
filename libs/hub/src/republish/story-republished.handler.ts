import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { AuditLog, remoteActor } from '@syn/audit';
import { ADOPTION_FEEDBACK, STORY_REPUBLISHED, STORY_WITHDRAWN, StoryRepublished, StoryWithdrawn } from '@syn/contracts';
import { lockStoryShared, Tombstones } from '@syn/delivery';
import { DeliveryLedger, EventHandler, InboundEvent, OnTreeEvent, OutboxWriter, PoisonMessageError, TreeTransport } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { PoolStoryEntity } from '../pool/pool-story.entity';
import { PoolAdoptionEntity } from './pool-adoption.entity';
import { REPUBLISH_LISTENERS, RepublishListener } from './republish-listener';

/**
 * A child republished (转载) a story from this hub's pool. The hub records it, registers the child
 * as a holder of the story in the delivery ledger (so corrections and takedowns follow the copy)
 * and, in the same transaction, sends adoption feedback (采用反馈) down to the story's origin.
 */
@Injectable()
@OnTreeEvent(STORY_REPUBLISHED)
export class StoryRepublishedHandler implements EventHandler<StoryRepublished> {
  private readonly logger = new Logger('StoryRepublished');

  constructor(
    private readonly outbox: OutboxWriter,
    private readonly directory: CenterDirectory,
    private readonly audit: AuditLog,
    private readonly ledger: DeliveryLedger,
    private readonly sender: TreeTransport,
    private readonly tombstones: Tombstones,
    @Optional() @Inject(REPUBLISH_LISTENERS) private readonly listeners: RepublishListener[] = [],
  ) {}

  async handle(m: EntityManager, e: InboundEvent<StoryRepublished>): Promise<void> {
    const p = e.payload;
    const id = e.envelope.id;
    if (p.republishedBy !== e.route.child) throw new PoisonMessageError(`event ${id}: republished by ${p.republishedBy} but sent by ${e.route.child}`);
    if (p.hubCode !== e.recipient) throw new PoisonMessageError(`event ${id}: names pool ${p.hubCode} but was sent to ${e.recipient}`);
    await lockStoryShared(m, p.storyId);
    const tombstone = await this.tombstones.get(p.storyId, m);
    if (tombstone) {
      await this.takeDownLateCopy(m, e, tombstone);
      return;
    }
    const row = await m.getRepository(PoolStoryEntity).findOneBy({ storyId: p.storyId, hubCode: e.recipient });
    if (!row) throw new PoisonMessageError(`event ${id}: story ${p.storyId} is not in the pool of ${e.recipient}`);
    if (row.originCode !== p.originCode) throw new PoisonMessageError(`event ${id}: story ${p.storyId} comes from ${row.originCode}, not ${p.originCode}`);
    if (p.republishedBy === row.originCode) throw new PoisonMessageError(`event ${id}: center ${p.republishedBy} cannot republish its own story ${p.storyId}`);

    const adoptedAt = new Date(p.republishedAt);
    // The copy is a holder like the province: a correction or takedown reaching this hub is relayed to it.
    await this.ledger.record(m, { sender: e.recipient, holder: p.republishedBy, storyId: p.storyId, version: p.version, kind: 'delivery' });
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
    for (const l of this.listeners)
      await l.onRepublished(m, {
        storyId: p.storyId,
        version: p.version,
        originCode: row.originCode,
        authors: row.authors.map((a) => a.name),
        hubCode: e.recipient,
        republishedBy: p.republishedBy,
        channel: p.channel,
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
    await this.outbox.append(m, {
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

  /**
   * The child copied the story before the takedown reached this hub, and its news arrived after:
   * the takedown already went to every holder the ledger knew, so it goes to this one now.
   */
  private async takeDownLateCopy(
    m: EntityManager,
    e: InboundEvent<StoryRepublished>,
    t: { originCode: string; version: number; reason: string; withdrawnBy: string; withdrawnAt: Date },
  ) {
    const p = e.payload;
    const payload: StoryWithdrawn = {
      storyId: p.storyId,
      originCode: t.originCode,
      version: t.version,
      reason: t.reason,
      withdrawnBy: t.withdrawnBy,
      withdrawnAt: t.withdrawnAt.toISOString(),
    };
    await this.sender.send(m, {
      type: STORY_WITHDRAWN,
      from: e.recipient,
      to: p.republishedBy,
      payload,
      storyId: p.storyId,
      version: t.version,
      kind: 'withdrawal',
      expectReceipt: true,
    });
    await this.audit.record(m, {
      center: e.recipient,
      storyId: p.storyId,
      actor: remoteActor(p.user, p.republishedBy),
      action: 'pool.republished-after-withdrawal',
      before: null,
      after: { by: p.republishedBy, channel: p.channel, version: p.version, takedownSent: t.version },
      at: new Date(),
    });
    this.logger.warn({
      msg: 'story republished after its takedown; takedown sent to the copy',
      hub: e.recipient,
      storyId: p.storyId,
      by: p.republishedBy,
      channel: p.channel,
    });
  }
}
