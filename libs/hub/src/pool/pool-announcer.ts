import { Inject, Injectable, Optional } from '@nestjs/common';
import { STORY_POOLED } from '@syn/contracts';
import { DeliveryLedger, OutboxWriter } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import type { EntityManager } from 'typeorm';
import { PoolSearchIndex } from '../search/pool-search-index';
import { POOL_LISTENERS, PooledStory, PoolListener } from './pool-listener';
import { storyTextToWire } from '../story-text/story-text';

/**
 * Tells whoever indexes this hub's pool that a story entered it or has a new edition: the hub's
 * own search index and in-process listeners directly, the parent through story.pooled (via the
 * outbox, recorded in the delivery ledger), all in the caller's transaction, so a pooled story is
 * searchable the moment it commits.
 */
@Injectable()
export class PoolAnnouncer {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly directory: CenterDirectory,
    private readonly ledger: DeliveryLedger,
    private readonly search: PoolSearchIndex,
    @Optional() @Inject(POOL_LISTENERS) private readonly listeners: PoolListener[] = [],
  ) {}

  async announce(m: EntityManager, e: PooledStory): Promise<void> {
    await this.announceMany(m, [e]);
  }

  /** A consumer batch's stories: one outbox and one delivery-ledger statement for the lot. */
  async announceMany(m: EntityManager, stories: PooledStory[]): Promise<void> {
    // Segmented once here (or by the caller), for this pool's search, in-process listeners and the parent.
    const pooled = stories.map((e) => ({ ...e, text: e.text ?? this.search.analyse(e.story.title, e.story.body, e.story.summary, e.story.tags) }));
    await this.search.indexMany(
      m,
      pooled.map(({ story: s, hubCode, pooledAt, text }) => ({
        storyId: s.id,
        scope: hubCode,
        hubCode,
        originCode: s.originCode,
        category: s.category,
        tags: s.tags,
        pooledAt,
        tokens: text.tokens,
        simhash: text.simhash,
      })),
    );
    const up = pooled.flatMap((e) => {
      const parent = this.directory.parentOf(e.hubCode);
      return parent ? [{ e, parent: parent.code }] : [];
    });
    const sent = await this.outbox.appendMany(
      m,
      up.map(({ e, parent }) => ({
        type: STORY_POOLED,
        parent,
        child: e.hubCode,
        payload: {
          story: e.story,
          hubCode: e.hubCode,
          pooledBy: e.pooledBy,
          pooledAt: e.pooledAt.toISOString(),
          edition: e.edition ?? 0,
          text: storyTextToWire(e.text),
        },
      })),
    );
    // The parent now holds a copy: corrections and takedowns will follow it there.
    await this.ledger.recordMany(
      m,
      up.map(({ e, parent }, i) => ({
        sender: e.hubCode,
        holder: parent,
        storyId: e.story.id,
        version: e.story.version,
        kind: 'delivery' as const,
        eventId: sent[i].id,
      })),
    );
    for (const l of this.listeners) {
      if (l.onPooledMany) await l.onPooledMany(m, pooled);
      else for (const e of pooled) await l.onPooled(m, e);
    }
  }
}
