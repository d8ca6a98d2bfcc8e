import { MigrationInterface, QueryRunner } from 'typeorm';

export class StoryWithdrawal1764100410000 implements MigrationInterface {
  name = 'StoryWithdrawal1764100410000';

  async up(q: QueryRunner): Promise<void> {
    // A takedown is a fact about the story beside its review status, not another status: the
    // origin still knows whether it had been accepted, and review steps may add statuses freely.
    await q.query(`ALTER TABLE stories ADD COLUMN withdrawn_at timestamptz, ADD COLUMN withdrawal_reason text, ADD COLUMN withdrawn_by text`);
    await q.query(`CREATE INDEX stories_center_live ON stories (center_code, updated_at DESC, id DESC) WHERE withdrawn_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX stories_center_live`);
    await q.query(`ALTER TABLE stories DROP COLUMN withdrawn_at, DROP COLUMN withdrawal_reason, DROP COLUMN withdrawn_by`);
  }
}
