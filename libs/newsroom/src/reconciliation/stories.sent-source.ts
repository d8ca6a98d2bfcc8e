import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { STORY_CORRECTED, STORY_SUBMITTED, STORY_WITHDRAWN, StoryCorrected, StorySubmitted, StoryWithdrawn } from '@syn/contracts';
import { AwaitingSource, ReconcileItem, ReconciliationSources, SentItem, SentSource } from '@syn/delivery';
import { DataSource, EntityManager } from 'typeorm';
import { StoryEntity } from '../stories/story.entity';
import { toSnapshot } from '../stories/story-snapshot.mapper';
import { TreeTransport } from '@syn/messaging';

/**
 * Reconciliation, origin side: every story this center submitted, at the version it submitted,
 * and (downward) those still waiting for the parent's decision.
 */
@Injectable()
export class StoriesSentSource implements SentSource, AwaitingSource, OnModuleInit {
  readonly name = 'newsroom-stories';
  private readonly logger = new Logger('StoriesSentSource');

  constructor(
    private readonly sources: ReconciliationSources,
    private readonly dataSource: DataSource,
    private readonly transport: TreeTransport,
  ) {}

  onModuleInit() {
    this.sources.registerSent(this);
    this.sources.registerAwaiting(this);
  }

  async awaiting(center: string, parent: string, sinceId: string, before: Date): Promise<Array<{ storyId: string; version: number }>> {
    const rows: Array<{ id: string; submitted_version: number }> = await this.dataSource.query(
      `SELECT id, submitted_version FROM stories
        WHERE center_code = $1 AND submitted_to = $2 AND status = 'submitted' AND withdrawn_at IS NULL
          AND submitted_version IS NOT NULL AND id >= $3 AND updated_at < $4
        ORDER BY id LIMIT 1000`,
      [center, parent, sinceId, before],
    );
    return rows.map((r) => ({ storyId: r.id, version: r.submitted_version }));
  }

  async sent(center: string, parent: string, sinceId: string): Promise<SentItem[]> {
    const rows: Array<{ id: string; submitted_version: number; withdrawn: boolean; changed_at: Date }> = await this.dataSource.query(
      `SELECT id, submitted_version, withdrawn_at IS NOT NULL AS withdrawn, updated_at AS changed_at
         FROM stories WHERE center_code = $1 AND submitted_to = $2 AND submitted_version IS NOT NULL AND id >= $3`,
      [center, parent, sinceId],
    );
    return rows.map((r) => ({ storyId: r.id, version: r.submitted_version, withdrawn: r.withdrawn, changedAt: new Date(r.changed_at) }));
  }

  async redrive(m: EntityManager, center: string, parent: string, storyId: string, parentHas: ReconcileItem | undefined): Promise<boolean> {
    const s = await m.getRepository(StoryEntity).findOne({ where: { id: storyId, centerCode: center }, lock: { mode: 'pessimistic_write' } });
    if (!s || s.submittedVersion === null) return false;
    const base = { from: center, to: parent, storyId };
    if (s.withdrawnAt) {
      const payload: StoryWithdrawn = {
        storyId,
        originCode: center,
        version: s.version,
        reason: s.withdrawalReason ?? '撤稿',
        withdrawnBy: s.withdrawnBy ?? s.createdBy,
        withdrawnAt: s.withdrawnAt.toISOString(),
      };
      await this.transport.send(m, { ...base, type: STORY_WITHDRAWN, payload, version: s.version, kind: 'withdrawal', expectReceipt: true });
      return true;
    }
    if (s.version !== s.submittedVersion) {
      // Edited since it was sent: the submitted version no longer exists here to be sent again.
      this.logger.warn({
        msg: 'parent lacks a submitted version that was edited since; not re-driven',
        center,
        parent,
        storyId,
        submittedVersion: s.submittedVersion,
        version: s.version,
      });
      return false;
    }
    if (parentHas && s.status === 'accepted') {
      const payload: StoryCorrected = { story: toSnapshot(s), note: null, correctedBy: s.decidedBy ?? s.createdBy, correctedAt: s.updatedAt.toISOString() };
      await this.transport.send(m, { ...base, type: STORY_CORRECTED, payload, version: s.version, kind: 'correction', expectReceipt: true });
      return true;
    }
    const payload: StorySubmitted = { story: toSnapshot(s), submittedBy: s.createdBy, submittedAt: (s.submittedAt ?? s.updatedAt).toISOString() };
    await this.transport.send(m, { ...base, type: STORY_SUBMITTED, payload, version: s.version, kind: 'delivery' });
    return true;
  }
}
