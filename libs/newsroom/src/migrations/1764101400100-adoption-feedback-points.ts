import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The points (积分) an adoption earned, carried down with the 采用反馈 so a county sees them.
 * Nullable: feedback received before, and adoptions by a desk that keeps no weights, have none.
 */
export class AdoptionFeedbackPoints1764101400100 implements MigrationInterface {
  name = 'AdoptionFeedbackPoints1764101400100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE adoption_feedback ADD COLUMN points numeric`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE adoption_feedback DROP COLUMN points`);
  }
}
