import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 请撤下: when an adopted story is withdrawn, the adopting desk is asked to take it off every
 * channel it was adopted for, and says when it has. The receipt itself lives in the delivery ledger.
 */
export class AdoptionTakedowns1764101614200 implements MigrationInterface {
  name = 'AdoptionTakedowns1764101614200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE adoptions
        ADD COLUMN takedown_requested_at timestamptz,
        ADD COLUMN takedown_reason text,
        ADD COLUMN taken_down_at timestamptz,
        ADD COLUMN taken_down_by text`);
    await q.query(
      `CREATE INDEX adoptions_takedown_pending ON adoptions (adopter_code, takedown_requested_at) WHERE takedown_requested_at IS NOT NULL AND taken_down_at IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX adoptions_takedown_pending`);
    await q.query(`ALTER TABLE adoptions DROP COLUMN takedown_requested_at, DROP COLUMN takedown_reason, DROP COLUMN taken_down_at, DROP COLUMN taken_down_by`);
  }
}
