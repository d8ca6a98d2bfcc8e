import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditLog, remoteActor } from '@syn/audit';
import type { StoryCorrected, StoryWithdrawn } from '@syn/contracts';
import { CopyChange, CopyKeeper, CopyKeeperResult, CopyKeepers } from '@syn/delivery';
import { assertSnapshotIntegrity } from '@syn/hub';
import { EntityManager } from 'typeorm';

/**
 * This center's 转载 copies of a sibling's story (republished_stories). The hub registered this
 * center as a holder when it heard of the republication, so corrections and takedowns come down
 * from it: a correction replaces the copy's text (the attribution and channel stay), a takedown
 * removes every channel's copy. Both are audited at this center so its editors see what changed
 * on their channels.
 */
@Injectable()
export class RepublishedCopyKeeper implements CopyKeeper, OnModuleInit {
  readonly name = 'republished-copies';
  private readonly logger = new Logger('RepublishedCopyKeeper');

  constructor(
    private readonly keepers: CopyKeepers,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit() {
    this.keepers.register(this);
  }

  async applyCorrection(m: EntityManager, c: CopyChange<StoryCorrected>): Promise<CopyKeeperResult> {
    if (c.direction !== 'down') return { outcome: 'not-held' };
    const s = c.change.story;
    const held: Array<{ version: number }> = await m.query(`SELECT version FROM republished_stories WHERE center_code = $1 AND story_id = $2 FOR UPDATE`, [
      c.center,
      s.id,
    ]);
    if (held.length === 0) return { outcome: 'not-held' };
    if (held.every((h) => h.version >= s.version)) return { outcome: 'stale' };
    assertSnapshotIntegrity(s, c.eventId);
    // TypeORM answers an UPDATE with [rows, count].
    const [changed]: [Array<{ channel: string }>, number] = await m.query(
      `UPDATE republished_stories SET version = $3, title = $4, summary = $5, body = $6, byline = $7, category = $8, tags = $9, content_hash = $10
       WHERE center_code = $1 AND story_id = $2 AND version < $3 RETURNING channel`,
      [c.center, s.id, s.version, s.title, s.summary || null, s.body, s.byline, s.category, s.tags, s.contentHash],
    );
    await this.audit.record(m, {
      center: c.center,
      storyId: s.id,
      actor: remoteActor(c.change.correctedBy, s.originCode),
      action: 'republished.corrected',
      before: { versions: held.map((h) => h.version) },
      after: { version: s.version, channels: changed.map((r) => r.channel), note: c.change.note },
      at: new Date(c.change.correctedAt),
    });
    this.logger.log({ msg: 'republished copy corrected', center: c.center, storyId: s.id, version: s.version, channels: changed.map((r) => r.channel) });
    return { outcome: 'applied' };
  }

  async applyWithdrawal(m: EntityManager, w: CopyChange<StoryWithdrawn>): Promise<CopyKeeperResult> {
    const t = w.change;
    const [removed]: [Array<{ channel: string; version: number }>, number] = await m.query(
      `DELETE FROM republished_stories WHERE center_code = $1 AND story_id = $2 RETURNING channel, version`,
      [w.center, t.storyId],
    );
    if (removed.length === 0) return { outcome: 'not-held' };
    await this.audit.record(m, {
      center: w.center,
      storyId: t.storyId,
      actor: remoteActor(t.withdrawnBy, t.originCode),
      action: 'republished.withdrawn',
      before: { channels: removed.map((r) => r.channel), version: removed[0].version },
      after: { reason: t.reason, version: t.version },
      at: new Date(t.withdrawnAt),
    });
    this.logger.log({ msg: 'republished copy removed: story withdrawn', center: w.center, storyId: t.storyId, channels: removed.map((r) => r.channel) });
    return { outcome: 'applied' };
  }
}
