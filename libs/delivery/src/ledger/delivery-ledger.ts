import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DeliveryKind, DeliveryLedgerEntry, ReceiptStatus } from './delivery-ledger.entity';

export interface LedgerDelivery {
  /** The center that sent the story (this hop's sender). */
  sender: string;
  /** The center that now holds a copy. */
  holder: string;
  storyId: string;
  version: number;
  kind: DeliveryKind;
  eventId?: string;
  /** Corrections and takedowns are answered with a receipt; plain deliveries are not. */
  expectReceipt?: boolean;
}

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
 * Where every copy of a story went. Any feature that sends a story to another center records the
 * delivery here in the same transaction as its outbox write; corrections and takedowns are then
 * relayed to every holder found here, and receipts mark the rows confirmed.
 */
@Injectable()
export class DeliveryLedger {
  constructor(private readonly dataSource: DataSource) {}

  async record(m: EntityManager, d: LedgerDelivery): Promise<void> {
    await this.recordMany(m, [d]);
  }

  /**
   * Several deliveries in one statement (a consumer batch's). Of two rows for the same copy the
   * newer version is kept, since one statement may not touch a row twice.
   */
  async recordMany(m: EntityManager, deliveries: LedgerDelivery[]): Promise<void> {
    const newest = new Map<string, LedgerDelivery>();
    for (const d of deliveries) {
      const key = `${d.sender}|${d.storyId}|${d.holder}`;
      const held = newest.get(key);
      if (!held || held.version <= d.version) newest.set(key, d);
    }
    const list = [...newest.values()];
    if (list.length === 0) return;
    // A newer version always replaces the row; the same version again (a re-drive) only re-arms a
    // receipt that has not come back yet, so a confirmed row is never set back to pending.
    await m.query(
      `INSERT INTO delivery_ledger (sender, story_id, holder, version, kind, receipt_status, event_id)
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::text[], $6::text[], $7::uuid[])
       ON CONFLICT (sender, story_id, holder) DO UPDATE SET
         version = EXCLUDED.version, kind = EXCLUDED.kind, receipt_status = EXCLUDED.receipt_status,
         receipt_outcome = NULL, receipt_at = NULL, via = NULL, event_id = EXCLUDED.event_id, sent_at = now(), alerted_at = NULL
       WHERE delivery_ledger.version < EXCLUDED.version
          OR (delivery_ledger.version = EXCLUDED.version AND delivery_ledger.receipt_status <> 'confirmed')`,
      [
        list.map((d) => d.sender),
        list.map((d) => d.storyId),
        list.map((d) => d.holder),
        list.map((d) => d.version),
        list.map((d) => d.kind),
        list.map((d): ReceiptStatus => (d.expectReceipt ? 'pending' : 'none')),
        list.map((d) => d.eventId ?? null),
      ],
    );
  }

  /** Centers `sender` delivered the story to directly, with the version each has. */
  async holdersOf(m: EntityManager, sender: string, storyId: string): Promise<Array<{ holder: string; version: number }>> {
    const rows: Array<{ holder: string; version: number }> = await m.query(
      `SELECT holder, version FROM delivery_ledger WHERE sender = $1 AND story_id = $2 AND via IS NULL ORDER BY holder`,
      [sender, storyId],
    );
    return rows;
  }

  /** Marks a receipt; a receipt for an older version than the one delivered confirms nothing. */
  async confirm(m: EntityManager, r: LedgerReceipt): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `INSERT INTO delivery_ledger (sender, story_id, holder, version, kind, receipt_status, receipt_outcome, receipt_at, via)
       VALUES ($1, $2, $3, $4, $5, 'confirmed', $6, now(), $7)
       ON CONFLICT (sender, story_id, holder) DO UPDATE SET
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
    await m.query(
      `INSERT INTO delivery_ledger (sender, story_id, holder, version, kind, receipt_status, via)
       VALUES ($1, $2, $3, $4, $5, 'pending', $6)
       ON CONFLICT (sender, story_id, holder) DO UPDATE SET
         version = EXCLUDED.version, kind = EXCLUDED.kind, receipt_status = 'pending', receipt_outcome = NULL, receipt_at = NULL, sent_at = now()
       WHERE delivery_ledger.version < EXCLUDED.version`,
      [d.sender, d.storyId, d.holder, d.version, d.kind, d.via],
    );
  }

  async hasDelivered(m: EntityManager, sender: string, holder: string, storyId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM delivery_ledger WHERE sender = $1 AND holder = $2 AND story_id = $3`, [sender, holder, storyId]);
    return rows.length > 0;
  }

  list(sender: string, q: { storyId?: string; status?: ReceiptStatus; limit: number }): Promise<DeliveryLedgerEntry[]> {
    const qb = this.dataSource
      .getRepository(DeliveryLedgerEntry)
      .createQueryBuilder('d')
      .where('d.sender = :sender', { sender })
      .orderBy('d.sent_at', 'DESC')
      .addOrderBy('d.holder', 'ASC')
      .limit(q.limit);
    if (q.storyId) qb.andWhere('d.story_id = :storyId', { storyId: q.storyId });
    if (q.status) qb.andWhere('d.receipt_status = :status', { status: q.status });
    return qb.getMany();
  }
}
