import { Injectable, OnModuleInit } from '@nestjs/common';
import type { StoryCorrected, StoryWithdrawn } from '@syn/contracts';
import { CopyChange, CopyKeeper, CopyKeeperResult, CopyKeepers } from '@syn/delivery';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { LedgerService } from './ledger.service';

/**
 * A takedown (撤稿) reverses the story's points: the hub the origin reports to appends a
 * `withdrawn` entry, which goes up like every ledger fact. The ledger keeps no copy of the story,
 * so it never asks for a relay and answers not-held; the entries that earned the points stay.
 */
@Injectable()
export class LedgerTakedownKeeper implements CopyKeeper, OnModuleInit {
  readonly name = 'ledger';

  constructor(
    private readonly keepers: CopyKeepers,
    private readonly ledger: LedgerService,
    private readonly directory: CenterDirectory,
  ) {}

  onModuleInit() {
    this.keepers.register(this);
  }

  applyCorrection(_m: EntityManager, _c: CopyChange<StoryCorrected>): Promise<CopyKeeperResult> {
    return Promise.resolve({ outcome: 'not-held' });
  }

  async applyWithdrawal(m: EntityManager, c: CopyChange<StoryWithdrawn>): Promise<CopyKeeperResult> {
    const w = c.change;
    // One reversal per story, by the origin's own hub: the centers above learn it from its report.
    const origin = this.directory.has(w.originCode) ? this.directory.get(w.originCode) : null;
    if (origin?.parent !== c.center) return { outcome: 'not-held' };
    const rows: Array<{ kind: string; story_version: number; authors: string[] }> = await m.query(
      `SELECT kind, story_version, authors FROM ledger_entries WHERE center_code = $1 AND story_id = $2 ORDER BY occurred_at DESC`,
      [c.center, w.storyId],
    );
    // A story this ledger never heard of earned nothing here; a repeat of the takedown changes nothing.
    if (rows.length === 0 || rows.some((r) => r.kind === 'withdrawn')) return { outcome: 'not-held' };
    await this.ledger.record(m, c.center, {
      kind: 'withdrawn',
      storyId: w.storyId,
      storyVersion: Math.max(w.version, ...rows.map((r) => r.story_version)),
      originCode: w.originCode,
      authors: rows[0].authors,
      actorCode: w.originCode,
      occurredAt: w.withdrawnAt,
    });
    return { outcome: 'not-held' };
  }
}
