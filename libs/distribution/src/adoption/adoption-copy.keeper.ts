import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditLog, remoteActor } from '@syn/audit';
import type { StoryCorrected, StoryWithdrawn } from '@syn/contracts';
import { CopyChange, CopyKeeper, CopyKeeperResult, CopyKeepers } from '@syn/delivery';
import { DeliveryLedger } from '@syn/messaging';
import { EntityManager } from 'typeorm';

/**
 * A desk's adoptions (选用) are copies on its channels, outside the network's reach: when the story
 * is withdrawn, every adoption of it is marked 请撤下 and a pending receipt is put in the delivery
 * ledger with this center as its own holder, so the pending list and the overdue alert show the
 * request until an editor confirms the story is off every channel.
 */
@Injectable()
export class AdoptionCopyKeeper implements CopyKeeper, OnModuleInit {
  readonly name = 'adoptions';
  private readonly logger = new Logger('AdoptionCopyKeeper');

  constructor(
    private readonly keepers: CopyKeepers,
    private readonly ledger: DeliveryLedger,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit() {
    this.keepers.register(this);
  }

  /** A correction changes the text the desk adopted; the pool or index keeper holds the new text, nothing to ask. */
  applyCorrection(_m: EntityManager, _c: CopyChange<StoryCorrected>): Promise<CopyKeeperResult> {
    return Promise.resolve({ outcome: 'not-held' });
  }

  async applyWithdrawal(m: EntityManager, w: CopyChange<StoryWithdrawn>): Promise<CopyKeeperResult> {
    const t = w.change;
    // TypeORM answers an UPDATE with [rows, count].
    const [marked]: [Array<{ channel: string }>, number] = await m.query(
      `UPDATE adoptions SET takedown_requested_at = now(), takedown_reason = $3
       WHERE adopter_code = $1 AND story_id = $2 AND takedown_requested_at IS NULL RETURNING channel`,
      [w.center, t.storyId, t.reason],
    );
    if (marked.length === 0) return { outcome: 'not-held' };
    await this.ledger.record(m, { sender: w.center, holder: w.center, storyId: t.storyId, version: t.version, kind: 'withdrawal', expectReceipt: true });
    await this.audit.record(m, {
      center: w.center,
      storyId: t.storyId,
      actor: remoteActor(t.withdrawnBy, t.originCode),
      action: 'adoption.takedown-requested',
      before: null,
      after: { channels: marked.map((r) => r.channel), reason: t.reason, version: t.version },
      at: new Date(t.withdrawnAt),
    });
    this.logger.log({ msg: '请撤下: adopted story withdrawn', center: w.center, storyId: t.storyId, channels: marked.map((r) => r.channel) });
    return { outcome: 'applied' };
  }
}
