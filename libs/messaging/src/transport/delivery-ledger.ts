import { Injectable, Optional } from '@nestjs/common';
import { DeferredInsert, DeferredInserts, SqlStatement } from '@syn/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { DeliveryKind, DeliveryLedgerEntry, ItemKind, ReceiptStatus } from './delivery-ledger.entity';

/** What a hop carried: a story, or an item distribution relays (a topic, a release, …). */
export interface DeliveryItem {
  kind: ItemKind;
  id: string;
}

export interface LedgerDelivery {
  /** The center that sent the item (this hop's sender). */
  sender: string;
  /** The neighbour that now holds a copy. */
  holder: string;
  /** A story's id; for other items, `item` names what travelled. */
  storyId?: string;
  item?: DeliveryItem;
  version: number;
  kind: DeliveryKind;
  eventType?: string;
  eventId?: string;
  /** Corrections and takedowns are answered with a receipt; plain deliveries are not. */
  expectReceipt?: boolean;
}

const LEDGER_COLUMNS = [
  { name: 'sender', type: 'text' },
  { name: 'item_kind', type: 'text' },
  { name: 'item_id', type: 'uuid' },
  { name: 'holder', type: 'text' },
  { name: 'version', type: 'int' },
  { name: 'kind', type: 'text' },
  { name: 'receipt_status', type: 'text' },
  { name: 'event_type', type: 'text' },
  { name: 'event_id', type: 'uuid' },
];

/**
 * The transaction's ledger rows, written with its other deferred rows just before it commits: a
 * hop costs no round trip of its own. Of two rows for the same copy the newer version is kept,
 * since one statement may not touch a row twice. A newer version always replaces the row; the
 * same version again (a re-drive, a takedown) only updates a row whose receipt has not come back,
 * so a confirmed row is never set back to pending.
 */
class LedgerUpsert extends DeferredInsert {
  constructor() {
    super('delivery_ledger', LEDGER_COLUMNS);
  }

  override statement(rows: readonly unknown[][]): SqlStatement | null {
    if (rows.length === 0) return null;
    const newest = new Map<string, readonly unknown[]>();
    for (const r of rows) {
      const key = `${r[0]}|${r[1]}|${r[2]}|${r[3]}`;
      const held = newest.get(key);
      if (!held || (held[4] as number) <= (r[4] as number)) newest.set(key, r);
    }
    const list = [...newest.values()];
    return {
      sql: `INSERT INTO delivery_ledger (sender, item_kind, item_id, holder, version, kind, receipt_status, event_type, event_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::text[], $5::int[], $6::text[], $7::text[], $8::text[], $9::uuid[])
       ON CONFLICT (sender, item_kind, item_id, holder) DO UPDATE SET
         version = EXCLUDED.version, kind = EXCLUDED.kind, receipt_status = EXCLUDED.receipt_status, receipt_outcome = NULL,
         receipt_at = NULL, via = NULL, event_type = EXCLUDED.event_type, event_id = EXCLUDED.event_id, sent_at = now(), alerted_at = NULL
       WHERE delivery_ledger.version < EXCLUDED.version
          OR (delivery_ledger.version = EXCLUDED.version AND delivery_ledger.receipt_status <> 'confirmed')`,
      params: LEDGER_COLUMNS.map((_, i) => list.map((r) => r[i])),
    };
  }
}

const LEDGER_UPSERT = new LedgerUpsert();

export interface LedgerReceipt {
  sender: string;
  holder: string;
  storyId: string;
  version: number;
  kind: DeliveryKind;
  outcome: string;
  /** Set when the receipt was forwarded by another center rather than sent by the holder. */
  via: string | null;
}

/**
 * Where every copy of every item went, one hop at a time. The transport records each hop here in
 * the same transaction as its outbox write; corrections and takedowns then follow the rows to
 * every holder, and receipts mark them confirmed. Rows wait for the commit (see LedgerUpsert), so
 * every read or write through a transaction's manager first writes what that transaction queued.
 */
@Injectable()
export class DeliveryLedger {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly deferred: DeferredInserts = new DeferredInserts(),
  ) {}

  async record(m: EntityManager, d: LedgerDelivery): Promise<void> {
    await this.recordMany(m, [d]);
  }

  /** Several deliveries (a consumer batch's), written with the transaction's other deferred rows. */
  async recordMany(m: EntityManager, deliveries: LedgerDelivery[]): Promise<void> {
    await this.deferred.add(
      m,
      LEDGER_UPSERT,
      deliveries.map((d) => {
        const item = itemOf(d);
        const status: ReceiptStatus = d.expectReceipt ? 'pending' : 'none';
        return [d.sender, item.kind, item.id, d.holder, d.version, d.kind, status, d.eventType ?? null, d.eventId ?? null];
      }),
    );
  }

  /** The neighbours `sender` sent the item to directly (not learnt from a receipt), with the version each has. */
  async holdersOfItem(m: EntityManager, sender: string, item: DeliveryItem): Promise<Array<{ holder: string; version: number }>> {
    await this.deferred.flushFor(m);
    const rows: Array<{ holder: string; version: number }> = await m.query(
      `SELECT holder, version FROM delivery_ledger WHERE sender = $1 AND item_kind = $2 AND item_id = $3 AND via IS NULL ORDER BY holder`,
      [sender, item.kind, item.id],
    );
    return rows;
  }

  /** Centers `sender` delivered the story to directly, with the version each has. */
  holdersOf(m: EntityManager, sender: string, storyId: string): Promise<Array<{ holder: string; version: number }>> {
    return this.holdersOfItem(m, sender, { kind: 'story', id: storyId });
  }

  /** Marks a receipt; a receipt for an older version than the one delivered confirms nothing. */
  async confirm(m: EntityManager, r: LedgerReceipt): Promise<boolean> {
    await this.deferred.flushFor(m);
    const rows: unknown[] = await m.query(
      `INSERT INTO delivery_ledger (sender, item_kind, item_id, holder, version, kind, receipt_status, receipt_outcome, receipt_at, via)
       VALUES ($1, 'story', $2, $3, $4, $5, 'confirmed', $6, now(), $7)
       ON CONFLICT (sender, item_kind, item_id, holder) DO UPDATE SET
         receipt_status = 'confirmed', receipt_outcome = EXCLUDED.receipt_outcome, receipt_at = now(), kind = EXCLUDED.kind,
         version = EXCLUDED.version
       WHERE delivery_ledger.version <= EXCLUDED.version AND delivery_ledger.receipt_status <> 'confirmed'
          OR delivery_ledger.version < EXCLUDED.version
       RETURNING holder`,
      [r.sender, r.storyId, r.holder, r.version, r.kind, r.outcome, r.via],
    );
    return rows.length > 0;
  }

  /** A receipt named centers further on that got the change; wait for theirs too. */
  async expect(m: EntityManager, d: { sender: string; holder: string; storyId: string; version: number; kind: DeliveryKind; via: string }): Promise<void> {
    await this.deferred.flushFor(m);
    await m.query(
      `INSERT INTO delivery_ledger (sender, item_kind, item_id, holder, version, kind, receipt_status, via)
       VALUES ($1, 'story', $2, $3, $4, $5, 'pending', $6)
       ON CONFLICT (sender, item_kind, item_id, holder) DO UPDATE SET
         version = EXCLUDED.version, kind = EXCLUDED.kind, receipt_status = 'pending', receipt_outcome = NULL, receipt_at = NULL, sent_at = now()
       WHERE delivery_ledger.version < EXCLUDED.version`,
      [d.sender, d.storyId, d.holder, d.version, d.kind, d.via],
    );
  }

  async hasDelivered(m: EntityManager, sender: string, holder: string, storyId: string): Promise<boolean> {
    await this.deferred.flushFor(m);
    const rows: unknown[] = await m.query(`SELECT 1 FROM delivery_ledger WHERE sender = $1 AND holder = $2 AND item_kind = 'story' AND item_id = $3`, [
      sender,
      holder,
      storyId,
    ]);
    return rows.length > 0;
  }

  /** The stories `sender` delivered, newest first, for the desk. */
  list(sender: string, q: { storyId?: string; status?: ReceiptStatus; limit: number }): Promise<DeliveryLedgerEntry[]> {
    const qb = this.dataSource
      .getRepository(DeliveryLedgerEntry)
      .createQueryBuilder('d')
      .where('d.sender = :sender', { sender })
      .andWhere(`d.item_kind = 'story'`)
      .orderBy('d.sent_at', 'DESC')
      .addOrderBy('d.holder', 'ASC')
      .limit(q.limit);
    if (q.storyId) qb.andWhere('d.item_id = :storyId', { storyId: q.storyId });
    if (q.status) qb.andWhere('d.receipt_status = :status', { status: q.status });
    return qb.getMany();
  }
}

function itemOf(d: LedgerDelivery): DeliveryItem {
  if (d.item) return d.item;
  if (!d.storyId) throw new Error(`a delivery from ${d.sender} to ${d.holder} names neither a story nor an item`);
  return { kind: 'story', id: d.storyId };
}
