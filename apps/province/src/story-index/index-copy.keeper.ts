import { Injectable, OnModuleInit } from '@nestjs/common';
import type { StoryCorrected, StoryWithdrawn } from '@syn/contracts';
import { AcknowledgedSource, CopyChange, CopyKeeper, CopyKeeperResult, CopyKeepers, ReconcileItem, ReconciliationSources } from '@syn/delivery';
import { assertSnapshotIntegrity } from '@syn/hub';
import { DataSource, EntityManager } from 'typeorm';
import { StoryIndexWriter } from './story-index.writer';

/**
 * The provincial index as a holder of copies: corrections relayed by a city hub replace the
 * indexed version (higher wins, so a correction that overtakes its story.pooled still lands), and
 * takedowns remove the entry. For reconciliation it tells each hub what the index holds from it.
 */
@Injectable()
export class IndexCopyKeeper implements CopyKeeper, AcknowledgedSource, OnModuleInit {
  readonly name = 'province-index';

  constructor(
    private readonly keepers: CopyKeepers,
    private readonly sources: ReconciliationSources,
    private readonly writer: StoryIndexWriter,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit() {
    this.keepers.register(this);
    this.sources.registerAcknowledged(this);
  }

  async applyCorrection(m: EntityManager, c: CopyChange<StoryCorrected>): Promise<CopyKeeperResult> {
    const s = c.change.story;
    // From the origin itself it is a submission to the province's own pool: the pool keeper's.
    if (c.direction !== 'up' || s.originCode === c.from) return { outcome: 'not-held' };
    assertSnapshotIntegrity(s, c.eventId);
    const changed = await this.writer.onPooled(
      m,
      { story: s, hubCode: c.from, pooledBy: c.change.correctedBy, pooledAt: new Date(c.change.correctedAt) },
      c.center,
    );
    return { outcome: changed ? 'applied' : 'stale' };
  }

  async applyWithdrawal(m: EntityManager, w: CopyChange<StoryWithdrawn>): Promise<CopyKeeperResult> {
    // TypeORM answers a DELETE with [rows, count].
    const [removed]: [unknown[], number] = await m.query(`DELETE FROM story_index WHERE story_id = $1 RETURNING story_id`, [w.change.storyId]);
    return { outcome: removed.length > 0 ? 'applied' : 'not-held' };
  }

  async acknowledged(parent: string, child: string, sinceId: string): Promise<ReconcileItem[]> {
    const rows: Array<{ story_id: string; version: number }> = await this.dataSource.query(
      `SELECT story_id, version FROM story_index WHERE province_code = $1 AND hub_code = $2 AND story_id >= $3`,
      [parent, child, sinceId],
    );
    return rows.map((r) => ({ storyId: r.story_id, version: r.version, withdrawn: false }));
  }
}
