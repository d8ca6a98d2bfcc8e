import { MigrationInterface, QueryRunner } from 'typeorm';

/** The request an event came from, sent as a NATS header so the receiver's logs carry the same id. */
export class OutboxRequestId1764101500100 implements MigrationInterface {
  name = 'OutboxRequestId1764101500100';

  async up(q: QueryRunner): Promise<void> {
    // Nullable and without a default: adding it rewrites nothing, and events from before it simply have no id.
    await q.query(`ALTER TABLE outbox ADD COLUMN request_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE outbox DROP COLUMN request_id`);
  }
}
