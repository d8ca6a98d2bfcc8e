import { Inject, Injectable, Optional } from '@nestjs/common';
import { STORY_POOLED, StoryPooled } from '@syn/contracts';
import { DeliveryLedger } from '@syn/delivery';
import { OutboxWriter } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import type { EntityManager } from 'typeorm';
import { POOL_LISTENERS, PooledStory, PoolListener } from './pool-listener';

/**
 * Tells whoever indexes this hub's pool that a story entered it or has a new edition: the parent
 * through story.pooled (in the caller's transaction, via the outbox, recorded in the delivery ledger),
 * in-process listeners directly.
 */
@Injectable()
export class PoolAnnouncer {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly directory: CenterDirectory,
    private readonly ledger: DeliveryLedger,
    @Optional() @Inject(POOL_LISTENERS) private readonly listeners: PoolListener[] = [],
  ) {}

  async announce(m: EntityManager, e: PooledStory): Promise<void> {
    const parent = this.directory.parentOf(e.hubCode);
    if (parent) {
      const sent = await this.outbox.append<StoryPooled>(m, {
        type: STORY_POOLED,
        parent: parent.code,
        child: e.hubCode,
        payload: { story: e.story, hubCode: e.hubCode, pooledBy: e.pooledBy, pooledAt: e.pooledAt.toISOString(), edition: e.edition ?? 0 },
      });
      // The parent now holds a copy: corrections and takedowns will follow it there.
      await this.ledger.record(m, { sender: e.hubCode, holder: parent.code, storyId: e.story.id, version: e.story.version, kind: 'delivery', eventId: sent.id });
    }
    for (const l of this.listeners) await l.onPooled(m, e);
  }
}
