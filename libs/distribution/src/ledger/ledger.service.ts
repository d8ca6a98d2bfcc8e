import { Injectable, Optional } from '@nestjs/common';
import { LEDGER_REPORTED, LedgerReported } from '@syn/contracts';
import { DeferredInsert, DeferredInserts } from '@syn/persistence';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { TreeTransport } from '@syn/messaging';

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
    private readonly transport: TreeTransport,
    @Optional() private readonly deferred: DeferredInserts = new DeferredInserts(),
  ) {}

  /**
   * Records a new fact observed at `center`. Its id is fresh, so the row cannot collide: it is
   * written with the transaction's other deferred rows, and reported up in the same transaction.
   */
  async record(m: EntityManager, center: string, fact: LedgerFact): Promise<LedgerReported> {
    const e: LedgerReported = { ...fact, entryId: uuidv7(), recordedBy: center };
    await this.deferred.add(m, LEDGER_INSERT, [
      [
        center,
        e.entryId,
        e.kind,
        e.storyId,
        e.storyVersion,
        e.originCode,
        JSON.stringify(e.authors),
        e.level ?? null,
        e.channel ?? null,
        e.actorCode,
        e.refId ?? null,
        e.recordedBy,
        e.occurredAt,
      ],
    ]);
    await this.transport.up(m, { kind: 'ledger', id: e.entryId }, center, LEDGER_REPORTED, e);
    return e;
  }

  /** Appends an entry (new, or reported by a child) and passes it up; a repeat changes nothing. */
  async append(m: EntityManager, center: string, e: LedgerReported): Promise<boolean> {
    return (await this.appendMany(m, center, [e])).length > 0;
  }

  /** Several entries in one statement (a consumer batch's); returns those that were new here, which go on up. */
  async appendMany(m: EntityManager, center: string, entries: LedgerReported[]): Promise<LedgerReported[]> {
    if (entries.length === 0) return [];
    const rows: Array<{ entry_id: string }> = await m.query(
      `INSERT INTO ledger_entries (center_code, entry_id, kind, story_id, story_version, origin_code, authors, level, channel, actor_code, ref_id, recorded_by, occurred_at)
       SELECT $1, u.entry_id, u.kind, u.story_id, u.story_version, u.origin_code, ARRAY(SELECT jsonb_array_elements_text(u.authors)),
              u.level, u.channel, u.actor_code, u.ref_id, u.recorded_by, u.occurred_at
         FROM unnest($2::uuid[], $3::text[], $4::uuid[], $5::int[], $6::text[], $7::jsonb[], $8::text[], $9::text[], $10::text[], $11::uuid[], $12::text[], $13::timestamptz[])
           WITH ORDINALITY AS u (entry_id, kind, story_id, story_version, origin_code, authors, level, channel, actor_code, ref_id, recorded_by, occurred_at, n)
        ORDER BY u.n
       ON CONFLICT (center_code, entry_id) DO NOTHING RETURNING entry_id`,
      [
        center,
        entries.map((e) => e.entryId),
        entries.map((e) => e.kind),
        entries.map((e) => e.storyId),
        entries.map((e) => e.storyVersion),
        entries.map((e) => e.originCode),
        entries.map((e) => JSON.stringify(e.authors)),
        entries.map((e) => e.level ?? null),
        entries.map((e) => e.channel ?? null),
        entries.map((e) => e.actorCode),
        entries.map((e) => e.refId ?? null),
        entries.map((e) => e.recordedBy),
        entries.map((e) => e.occurredAt),
      ],
    );
    const fresh = new Set(rows.map((r) => r.entry_id));
    const added = entries.filter((e) => fresh.delete(e.entryId));
    for (const e of added) await this.transport.up(m, { kind: 'ledger', id: e.entryId }, center, LEDGER_REPORTED, e);
    return added;
  }
}
