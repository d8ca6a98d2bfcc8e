import { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliveryTables1764100400000 implements MigrationInterface {
  name = 'DeliveryTables1764100400000';

  async up(q: QueryRunner): Promise<void> {
    // Who this center sent each story to, which version, and whether they confirmed it.
    await q.query(`
      CREATE TABLE delivery_ledger (
        sender char(6) NOT NULL,
        story_id uuid NOT NULL,
        holder char(6) NOT NULL,
        version int NOT NULL,
        kind text NOT NULL CHECK (kind IN ('delivery','correction','withdrawal')),
        receipt_status text NOT NULL CHECK (receipt_status IN ('none','pending','confirmed')),
        receipt_outcome text,
        receipt_at timestamptz,
        via char(6),
        event_id uuid,
        sent_at timestamptz NOT NULL DEFAULT now(),
        alerted_at timestamptz,
        PRIMARY KEY (sender, story_id, holder)
      )`);
    await q.query(`CREATE INDEX delivery_ledger_pending ON delivery_ledger (sent_at) WHERE receipt_status = 'pending'`);
    await q.query(`CREATE INDEX delivery_ledger_story ON delivery_ledger (story_id)`);
    // 撤稿 tombstones are kept forever: they must keep beating versions that arrive years late.
    await q.query(`
      CREATE TABLE tombstones (
        story_id uuid PRIMARY KEY,
        origin_code char(6) NOT NULL,
        version int NOT NULL,
        reason text NOT NULL,
        withdrawn_by text NOT NULL,
        withdrawn_at timestamptz NOT NULL,
        received_from char(6) NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX tombstones_origin ON tombstones (origin_code, story_id)`);
    /*
     * Tables that hold copies of stories attach this trigger (see the hub and index migrations):
     * any insert or update of a withdrawn story is skipped, whichever code path attempts it, so a
     * late or replayed version can never bring a withdrawn story back. The shared advisory lock
     * pairs with the exclusive one taken when a tombstone is written, so a copy committed
     * concurrently with its takedown is either seen and deleted by it or refused after it.
     */
    await q.query(`
      CREATE FUNCTION syn_skip_withdrawn() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock_shared(hashtextextended(NEW.story_id::text, 0));
        IF EXISTS (SELECT 1 FROM tombstones t WHERE t.story_id = NEW.story_id) THEN
          RETURN NULL;
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION syn_skip_withdrawn()`);
    await q.query(`DROP TABLE tombstones`);
    await q.query(`DROP TABLE delivery_ledger`);
  }
}
