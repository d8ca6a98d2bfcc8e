import { Injectable, Optional } from '@nestjs/common';
import { LEDGER_REPORTED, LedgerReported } from '@syn/contracts';
import { DeferredInsert, DeferredInserts } from '@syn/persistence';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { DistributionRelay } from '../relay/distribution-relay';

export type LedgerFact = Omit<LedgerReported, 'entryId' | 'recordedBy'>;

const LEDGER_INSERT = new DeferredInsert('ledger_entries', [
  { name: 'center_code', type: 'text' },
  { name: 'entry_id', type: 'uuid' },
  { name: 'kind', type: 'text' },
  { name: 'story_id', type: 'uuid' },
  { name: 'story_version', type: 'int' },
  { name: 'origin_code', type: 'text' },
  // One text[] per row travels as a jsonb array (an array of arrays would unnest flat).
  { name: 'authors', type: 'jsonb', expr: 'ARRAY(SELECT jsonb_array_elements_text(u.authors))' },
  { name: 'level', type: 'text' },
  { name: 'channel', type: 'text' },
  { name: 'actor_code', type: 'text' },
  { name: 'ref_id', type: 'uuid' },
  { name: 'recorded_by', type: 'text' },
  { name: 'occurred_at', type: 'timestamptz' },
]);

/**
 * The contribution ledger (稿件台账). Appending writes the local row and reports it to the parent in
 * one transaction; the parent appends it too and reports further up, so every center above holds
 * the facts of its subtree. Rows are never updated or deleted (a database trigger enforces it).
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly relay: DistributionRelay,
    @Optional() private readonly deferred: DeferredInserts = new DeferredInserts(),
  ) {}

  /**
   * Records a new fact observed at `center`. Its id is fresh, so the row cannot collide: it is
   * written with the transaction's other deferred rows, and reported up in the same transaction.
   */
  async record(m: EntityManager, center: string, fact: LedgerFact): Promise<LedgerReported> {
    const e: LedgerReported = { ...fact, entryId: uuidv7(), recordedBy: center };
    await this.deferred.add(m, LEDGER_INSERT, [[
      center, e.entryId, e.kind, e.storyId, e.storyVersion, e.originCode, JSON.stringify(e.authors), e.level ?? null, e.channel ?? null,
      e.actorCode, e.refId ?? null, e.recordedBy, e.occurredAt,
    ]]);
    await this.relay.up<LedgerReported>(m, { kind: 'ledger', id: e.entryId }, center, LEDGER_REPORTED, e);
    return e;
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
