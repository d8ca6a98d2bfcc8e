import { MigrationInterface, QueryRunner } from 'typeorm';

export class MessagingTables1764100000000 implements MigrationInterface {
  name = 'MessagingTables1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        seq bigserial PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        subject text NOT NULL,
        type text NOT NULL,
        envelope text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(`CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL`);
    await q.query(`
      CREATE TABLE inbox (
        event_id uuid PRIMARY KEY,
        consumer text NOT NULL,
        type text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE dead_letters (
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        subject text NOT NULL,
        stream_seq bigint,
        event_id uuid,
        event_type text,
        payload text NOT NULL,
        reason text NOT NULL,
        delivery_count int NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz,
        replay_error text
      )`);
    // A redelivered poison message must not be parked twice.
    await q.query(`CREATE UNIQUE INDEX dead_letters_consumer_seq ON dead_letters (consumer, stream_seq) WHERE stream_seq IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE dead_letters`);
    await q.query(`DROP TABLE inbox`);
    await q.query(`DROP TABLE outbox`);
  }
}
