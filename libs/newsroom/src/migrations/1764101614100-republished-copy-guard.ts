import { MigrationInterface, QueryRunner } from 'typeorm';

/** A 转载 copy of a withdrawn story can never be written, whichever code path tries (a republish racing its takedown). */
export class RepublishedCopyGuard1764101614100 implements MigrationInterface {
  name = 'RepublishedCopyGuard1764101614100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TRIGGER republished_stories_skip_withdrawn BEFORE INSERT OR UPDATE ON republished_stories FOR EACH ROW EXECUTE FUNCTION syn_skip_withdrawn()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER republished_stories_skip_withdrawn ON republished_stories`);
  }
}
