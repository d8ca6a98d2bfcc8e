import { Injectable, OnModuleInit } from '@nestjs/common';
import { STORY_CORRECTED, STORY_POOLED, StoryCorrected, StoryPooled } from '@syn/contracts';
import { AcknowledgedSource, ReconcileItem, ReconciliationSources, SentItem, SentSource } from '@syn/delivery';
import { DataSource, EntityManager } from 'typeorm';
import { PoolStoryEntity } from '../pool/pool-story.entity';
import { snapshotFromPoolRow } from '../pool/pool-story.mapper';
import { TreeTransport } from '@syn/messaging';

/** Parent side: what the hub's review queue holds from one child (every version it received). */
@Injectable()
export class SubmissionsAcknowledgedSource implements AcknowledgedSource, OnModuleInit {
  readonly name = 'hub-submissions';

  constructor(
    private readonly sources: ReconciliationSources,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit() {
    this.sources.registerAcknowledged(this);
  }

  async acknowledged(parent: string, child: string, sinceId: string): Promise<ReconcileItem[]> {
    const rows: Array<{ story_id: string; version: number }> = await this.dataSource.query(
      `SELECT story_id, version FROM submissions WHERE hub_code = $1 AND origin_code = $2 AND story_id >= $3`,
      [parent, child, sinceId],
    );
    return rows.map((r) => ({ storyId: r.story_id, version: r.version, withdrawn: false }));
  }
}

/** Child side: every story in the hub's pool was announced to the hub's parent. */
@Injectable()
export class PoolSentSource implements SentSource, OnModuleInit {
  readonly name = 'hub-pool';

  constructor(
    private readonly sources: ReconciliationSources,
    private readonly dataSource: DataSource,
    private readonly transport: TreeTransport,
  ) {}

  onModuleInit() {
    this.sources.registerSent(this);
  }

  async sent(center: string, _parent: string, sinceId: string): Promise<SentItem[]> {
    const rows: Array<{ story_id: string; version: number; changed_at: Date }> = await this.dataSource.query(
      `SELECT story_id, version, GREATEST(pooled_at, updated_at) AS changed_at FROM pool_stories WHERE hub_code = $1 AND story_id >= $2`,
      [center, sinceId],
    );
    return rows.map((r) => ({ storyId: r.story_id, version: r.version, withdrawn: false, changedAt: new Date(r.changed_at) }));
  }

  async redrive(m: EntityManager, center: string, parent: string, storyId: string, parentHas: ReconcileItem | undefined): Promise<boolean> {
    const row = await m.getRepository(PoolStoryEntity).findOneBy({ storyId, hubCode: center });
    if (!row) return false;
    const story = snapshotFromPoolRow(row);
    if (parentHas) {
      const payload: StoryCorrected = { story, note: null, correctedBy: row.pooledBy, correctedAt: row.updatedAt.toISOString() };
      await this.transport.send(m, {
        type: STORY_CORRECTED,
        from: center,
        to: parent,
        payload,
        storyId,
        version: row.version,
        kind: 'correction',
        expectReceipt: true,
      });
    } else {
      const payload: StoryPooled = { story, hubCode: center, pooledBy: row.pooledBy, pooledAt: row.pooledAt.toISOString() };
      await this.transport.send(m, { type: STORY_POOLED, from: center, to: parent, payload, storyId, version: row.version, kind: 'delivery' });
    }
    return true;
  }
}
