import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A transfer the receiver refuses for good (bytes that verify but are no accepted type there) ends
 * `refused` instead of being sent again forever; the operator sees it in the queue and the metrics.
 */
export class MediaTransferRefused1764550000000 implements MigrationInterface {
  name = 'MediaTransferRefused1764550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE media_transfers DROP CONSTRAINT media_transfers_state_check`);
    await q.query(`ALTER TABLE media_transfers ADD CONSTRAINT media_transfers_state_check CHECK (state IN ('queued','done','cancelled','refused'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE media_transfers SET state = 'cancelled' WHERE state = 'refused'`);
    await q.query(`ALTER TABLE media_transfers DROP CONSTRAINT media_transfers_state_check`);
    await q.query(`ALTER TABLE media_transfers ADD CONSTRAINT media_transfers_state_check CHECK (state IN ('queued','done','cancelled'))`);
  }
}
