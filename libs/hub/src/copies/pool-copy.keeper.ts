import { Inject, Injectable, Logger, OnModuleInit, Optional } from '@nestjs/common';
import type { StoryCorrected, StoryWithdrawn } from '@syn/contracts';
import { CopyChange, CopyKeeper, CopyKeeperResult, CopyKeepers } from '@syn/delivery';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { POOL_LISTENERS, PoolListener } from '../pool/pool-listener';
import { PoolSearchIndex } from '../search/pool-search-index';
import { PoolStoryEntity } from '../pool/pool-story.entity';
import { poolRowFromSnapshot } from '../pool/pool-story.mapper';
import { SubmissionEntity } from '../review-queue/submission.entity';
import { assertSnapshotIntegrity } from '../snapshot-integrity';

/**
 * The hub's copies of a story its child wrote: the review-queue entry and the pool row. A
 * correction replaces both with the higher version and goes on to the hub's parent; a takedown
 * removes both.
 */
@Injectable()
export class PoolCopyKeeper implements CopyKeeper, OnModuleInit {
  readonly name = 'hub-pool';
  private readonly logger = new Logger('PoolCopyKeeper');

  constructor(
    private readonly keepers: CopyKeepers,
    private readonly directory: CenterDirectory,
    private readonly search: PoolSearchIndex,
    @Optional() @Inject(POOL_LISTENERS) private readonly listeners: PoolListener[] = [],
  ) {}

  onModuleInit() {
    this.keepers.register(this);
  }

  async applyCorrection(m: EntityManager, c: CopyChange<StoryCorrected>): Promise<CopyKeeperResult> {
    const s = c.change.story;
    // Only the origin itself submits to a hub; a correction relayed by a hub below is the index's business.
    if (c.direction !== 'up' || s.originCode !== c.from) return { outcome: 'not-held' };
    assertSnapshotIntegrity(s, c.eventId);
    const sub = await m.getRepository(SubmissionEntity).findOne({ where: { storyId: s.id }, lock: { mode: 'pessimistic_write' } });
    if (sub && sub.hubCode !== c.center) return { outcome: 'not-held' };
    if (sub && sub.version >= s.version) return { outcome: 'stale' };
    if (!sub) {
      // The correction overtook the submission: queue it as the version to review; the older one will be a no-op.
      await m.query(
        `INSERT INTO submissions (story_id, hub_code, origin_code, version, snapshot, content_hash, title, status, submitted_by, submitted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $9) ON CONFLICT (story_id) DO NOTHING`,
        [s.id, c.center, s.originCode, s.version, JSON.stringify(s), s.contentHash, s.title, c.change.correctedBy, c.change.correctedAt],
      );
      this.logger.log({ msg: 'correction arrived before its story; queued for review', hub: c.center, storyId: s.id, version: s.version });
      return { outcome: 'applied' };
    }
    await m.query(`UPDATE submissions SET version = $2, snapshot = $3, content_hash = $4, title = $5 WHERE story_id = $1`, [
      s.id,
      s.version,
      JSON.stringify(s),
      s.contentHash,
      s.title,
    ]);
    if (sub.status !== 'accepted') return { outcome: 'applied' };

    const pooled = await m.getRepository(PoolStoryEntity).findOne({ where: { storyId: s.id }, lock: { mode: 'pessimistic_write' } });
    const pooledBy = pooled?.pooledBy ?? sub.decidedBy ?? c.change.correctedBy;
    const pooledAt = pooled?.pooledAt ?? sub.decidedAt ?? new Date(c.change.correctedAt);
    const row = poolRowFromSnapshot(s, c.center, pooledBy, pooledAt);
    if (pooled) await m.update(PoolStoryEntity, { storyId: s.id }, row);
    else await m.insert(PoolStoryEntity, row);
    // Search must find the corrected words, not the old ones.
    await this.search.index(m, {
      storyId: s.id,
      scope: c.center,
      hubCode: c.center,
      originCode: s.originCode,
      category: s.category,
      tags: s.tags,
      pooledAt,
      title: s.title,
      body: s.body,
    });
    for (const l of this.listeners) await l.onPooled(m, { story: s, hubCode: c.center, pooledBy, pooledAt });
    const parent = this.directory.parentOf(c.center);
    return { outcome: 'applied', relayTo: parent ? [parent.code] : [] };
  }

  async applyWithdrawal(m: EntityManager, w: CopyChange<StoryWithdrawn>): Promise<CopyKeeperResult> {
    const id = w.change.storyId;
    // Queue entry first: it is what a curator's accept locks, so a racing accept finishes before the pool row goes.
    // TypeORM answers a DELETE with [rows, count].
    const [queued]: [unknown[], number] = await m.query(`DELETE FROM submissions WHERE story_id = $1 RETURNING story_id`, [id]);
    const [pooled]: [Array<{ hub_code: string }>, number] = await m.query(`DELETE FROM pool_stories WHERE story_id = $1 RETURNING hub_code`, [id]);
    if (queued.length === 0 && pooled.length === 0) return { outcome: 'not-held' };
    const relayTo = pooled.flatMap((p) => {
      const parent = this.directory.parentOf(p.hub_code);
      return parent && p.hub_code === w.center ? [parent.code] : [];
    });
    this.logger.log({ msg: 'withdrawn story removed from review queue and pool', hub: w.center, storyId: id, wasPooled: pooled.length > 0 });
    return { outcome: 'applied', relayTo };
  }
}
