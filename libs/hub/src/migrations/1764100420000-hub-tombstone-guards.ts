import { MigrationInterface, QueryRunner } from 'typeorm';

export class HubTombstoneGuards1764100420000 implements MigrationInterface {
  name = 'HubTombstoneGuards1764100420000';

  async up(q: QueryRunner): Promise<void> {
    // A withdrawn story can never re-enter the review queue or the pool, whatever writes it.
    await q.query(`CREATE TRIGGER submissions_skip_withdrawn BEFORE INSERT OR UPDATE ON submissions FOR EACH ROW EXECUTE FUNCTION syn_skip_withdrawn()`);
    await q.query(`CREATE TRIGGER pool_stories_skip_withdrawn BEFORE INSERT OR UPDATE ON pool_stories FOR EACH ROW EXECUTE FUNCTION syn_skip_withdrawn()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER pool_stories_skip_withdrawn ON pool_stories`);
    await q.query(`DROP TRIGGER submissions_skip_withdrawn ON submissions`);
  }
}
