import { Injectable, OnModuleInit } from '@nestjs/common';
import { STORY_WITHDRAWN, StoryWithdrawn } from '@syn/contracts';
import { CenterDirectory } from '@syn/network';
import { DataSource, EntityManager } from 'typeorm';
import { Tombstones } from '../tombstones/tombstones';
import { ReconcileItem } from './reconcile-item';
import { AcknowledgedSource, ReconciliationSources, SentItem, SentSource } from './reconciliation-sources';
import { TreeTransport } from '@syn/messaging';

/**
 * Takedowns a hub passed up: a tombstone for a story from its subtree that it had delivered to its
 * parent. On the parent's side, every tombstone for a story from the child's subtree.
 */
@Injectable()
export class TombstoneSources implements SentSource, AcknowledgedSource, OnModuleInit {
  readonly name = 'tombstones';

  constructor(
    private readonly sources: ReconciliationSources,
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
    private readonly tombstones: Tombstones,
    private readonly transport: TreeTransport,
  ) {}

  onModuleInit() {
    this.sources.registerSent(this);
    this.sources.registerAcknowledged(this);
  }

  async sent(center: string, parent: string, sinceId: string): Promise<SentItem[]> {
    const rows: Array<{ story_id: string; version: number; received_at: Date }> = await this.dataSource.query(
      `SELECT t.story_id, t.version, t.received_at FROM tombstones t
         JOIN delivery_ledger d ON d.item_kind = 'story' AND d.item_id = t.story_id AND d.sender = $1 AND d.holder = $2
        WHERE t.origin_code = ANY($3::char(6)[]) AND t.story_id >= $4`,
      [center, parent, this.directory.subtreeOf(center), sinceId],
    );
    return rows.map((r) => ({ storyId: r.story_id, version: r.version, withdrawn: true, changedAt: new Date(r.received_at) }));
  }

  async redrive(m: EntityManager, center: string, parent: string, storyId: string): Promise<boolean> {
    const t = await this.tombstones.get(storyId, m);
    if (!t) return false;
    const payload: StoryWithdrawn = {
      storyId,
      originCode: t.originCode,
      version: t.version,
      reason: t.reason,
      withdrawnBy: t.withdrawnBy,
      withdrawnAt: t.withdrawnAt.toISOString(),
    };
    await this.transport.send(m, {
      type: STORY_WITHDRAWN,
      from: center,
      to: parent,
      payload,
      storyId,
      version: t.version,
      kind: 'withdrawal',
      expectReceipt: true,
    });
    return true;
  }

  async acknowledged(_parent: string, child: string, sinceId: string): Promise<ReconcileItem[]> {
    const rows: Array<{ story_id: string; version: number }> = await this.dataSource.query(
      `SELECT story_id, version FROM tombstones WHERE origin_code = ANY($1::char(6)[]) AND story_id >= $2`,
      [this.directory.subtreeOf(child), sinceId],
    );
    return rows.map((r) => ({ storyId: r.story_id, version: r.version, withdrawn: true }));
  }
}
