import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditLog, remoteActor } from '@syn/audit';
import { STORY_RECOMMENDED, StoryRecommended } from '@syn/contracts';
import { EventHandler, EventHandlerRegistry, InboundEvent, PoisonMessageError } from '@syn/messaging';
import { EntityManager } from 'typeorm';
import { StoryIndexEntity } from './story-index.entity';

/** A city recommended (推荐) one of its pooled stories: the provincial desk sees it marked. */
@Injectable()
export class StoryRecommendedHandler implements EventHandler<StoryRecommended>, OnModuleInit {
  readonly type = STORY_RECOMMENDED;
  readonly direction = 'up' as const;
  private readonly logger = new Logger('StoryRecommended');

  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

  async handle(m: EntityManager, e: InboundEvent<StoryRecommended>): Promise<void> {
    const r = e.payload;
    if (r.hubCode !== e.route.child) throw new PoisonMessageError(`event ${e.envelope.id}: recommended by ${r.hubCode} but sent by ${e.route.child}`);
    const entry = await m.getRepository(StoryIndexEntity).findOne({ where: { storyId: r.storyId, provinceCode: e.recipient }, lock: { mode: 'pessimistic_write' } });
    // The story.pooled event was sent first, but may still be on its way or parked for a retry: try again later.
    if (!entry) throw new Error(`story ${r.storyId} recommended by ${r.hubCode} is not in the index of ${e.recipient} yet`);
    if (entry.hubCode !== r.hubCode) throw new PoisonMessageError(`event ${e.envelope.id}: story ${r.storyId} is pooled at ${entry.hubCode}, not at ${r.hubCode}`);
    const at = new Date(r.recommendedAt);
    await m.update(StoryIndexEntity, { storyId: r.storyId }, { recommended: true, recommendedNote: r.note, recommendedBy: `${r.recommendedBy}@${r.hubCode}`, recommendedAt: at });
    await this.audit.record(m, {
      center: e.recipient,
      storyId: r.storyId,
      actor: remoteActor(r.recommendedBy, r.hubCode),
      action: 'index.recommended',
      before: { recommended: entry.recommended },
      after: { recommended: true, note: r.note },
      at,
    });
    this.logger.log({ msg: 'recommended story marked', province: e.recipient, hub: r.hubCode, storyId: r.storyId });
  }
}
