import { Injectable } from '@nestjs/common';
import { LEDGER_REPORTED, LedgerReported } from '@syn/contracts';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DistributionRelay } from '../relay/distribution-relay';

export type LedgerFact = Omit<LedgerReported, 'entryId' | 'recordedBy'>;

/**
 * The contribution ledger (稿件台账). Appending writes the local row and reports it to the parent in
 * one transaction; the parent appends it too and reports further up, so every center above holds
 * the facts of its subtree. Rows are never updated or deleted (a database trigger enforces it).
 */
@Injectable()
export class LedgerService {
  constructor(private readonly relay: DistributionRelay) {}

  /** Records a new fact observed at `center`. */
  async record(m: EntityManager, center: string, fact: LedgerFact): Promise<LedgerReported> {
    const entry: LedgerReported = { ...fact, entryId: uuidv7(), recordedBy: center };
    await this.append(m, center, entry);
    return entry;
  }

  /** Appends an entry (new, or reported by a child) and passes it up; a repeat changes nothing. */
  async append(m: EntityManager, center: string, e: LedgerReported): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO ledger_entries (center_code, entry_id, kind, story_id, story_version, origin_code, authors, level, channel, actor_code, ref_id, recorded_by, occurred_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
       ON CONFLICT (center_code, entry_id) DO NOTHING RETURNING entry_id`,
      [center, e.entryId, e.kind, e.storyId, e.storyVersion, e.originCode, e.authors, e.level ?? null, e.channel ?? null, e.actorCode, e.refId ?? null, e.recordedBy, e.occurredAt],
    );
    if (rows.length === 0) return false;
    await this.relay.up<LedgerReported>(m, { kind: 'ledger', id: e.entryId }, center, LEDGER_REPORTED, e);
    return true;
  }
}
