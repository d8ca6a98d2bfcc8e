import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One deliveries ledger for every hop. Stories were recorded in delivery_ledger and the items
 * distribution relays (topics, releases, adoptions, answers, receipts, ledger entries) in
 * relay_deliveries, one row per event. Both become rows of delivery_ledger keyed by
 * (sender, item kind, item id, holder); a relayed item keeps one row per hop, its latest event.
 */
export class OneDeliveryLedger1764101510000 implements MigrationInterface {
  name = 'OneDeliveryLedger1764101510000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE delivery_ledger RENAME COLUMN story_id TO item_id`);
    await q.query(`ALTER TABLE delivery_ledger ADD COLUMN item_kind text NOT NULL DEFAULT 'story'`);
    await q.query(`ALTER TABLE delivery_ledger ALTER COLUMN item_kind DROP DEFAULT`);
    await q.query(
      `ALTER TABLE delivery_ledger ADD CONSTRAINT delivery_ledger_item_kind_check
         CHECK (item_kind IN ('story','topic','release','adoption','topic-answer','release-receipt','ledger'))`,
    );
    await q.query(`ALTER TABLE delivery_ledger ADD COLUMN event_type text`);
    await q.query(`ALTER TABLE delivery_ledger DROP CONSTRAINT delivery_ledger_pkey`);
    await q.query(`ALTER TABLE delivery_ledger ADD CONSTRAINT delivery_ledger_pkey PRIMARY KEY (sender, item_kind, item_id, holder)`);
    await q.query(`ALTER INDEX delivery_ledger_story RENAME TO delivery_ledger_item`);
    // A hop's latest event decides its kind: a takedown, a correction when the item went more than once, else a delivery.
    await q.query(`
      INSERT INTO delivery_ledger (sender, item_kind, item_id, holder, version, kind, receipt_status, event_type, event_id, sent_at)
      SELECT from_code, item_kind, item_id, to_code, 1,
             CASE WHEN event_type LIKE '%.withdrawn' THEN 'withdrawal' WHEN hops > 1 THEN 'correction' ELSE 'delivery' END,
             'none', event_type, event_id, relayed_at
        FROM (SELECT r.*, count(*) OVER w AS hops, row_number() OVER (w ORDER BY r.id DESC) AS latest
                FROM relay_deliveries r
              WINDOW w AS (PARTITION BY r.from_code, r.item_kind, r.item_id, r.to_code)) h
       WHERE latest = 1`);
    await q.query(`DROP TABLE relay_deliveries`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE relay_deliveries (
        id bigserial PRIMARY KEY,
        item_kind text NOT NULL,
        item_id uuid NOT NULL,
        direction text NOT NULL CHECK (direction IN ('up','down')),
        from_code char(6) NOT NULL,
        to_code char(6) NOT NULL,
        event_type text NOT NULL,
        event_id uuid NOT NULL UNIQUE,
        relayed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX relay_deliveries_item ON relay_deliveries (item_kind, item_id, from_code)`);
    // Direction is not stored in the one ledger: an item relayed upward has a kind of its own (answers, receipts, ledger entries).
    await q.query(`
      INSERT INTO relay_deliveries (item_kind, item_id, direction, from_code, to_code, event_type, event_id, relayed_at)
      SELECT item_kind, item_id, CASE WHEN item_kind IN ('topic-answer','release-receipt','ledger') THEN 'up' ELSE 'down' END,
             sender, holder, event_type, event_id, sent_at
        FROM delivery_ledger WHERE item_kind <> 'story' AND event_id IS NOT NULL AND event_type IS NOT NULL`);
    await q.query(`DELETE FROM delivery_ledger WHERE item_kind <> 'story'`);
    await q.query(`ALTER INDEX delivery_ledger_item RENAME TO delivery_ledger_story`);
    await q.query(`ALTER TABLE delivery_ledger DROP CONSTRAINT delivery_ledger_pkey`);
    await q.query(`ALTER TABLE delivery_ledger ADD CONSTRAINT delivery_ledger_pkey PRIMARY KEY (sender, item_id, holder)`);
    await q.query(`ALTER TABLE delivery_ledger DROP COLUMN event_type`);
    await q.query(`ALTER TABLE delivery_ledger DROP COLUMN item_kind`);
    await q.query(`ALTER TABLE delivery_ledger RENAME COLUMN item_id TO story_id`);
  }
}
