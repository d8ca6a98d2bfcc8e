import { MigrationInterface, QueryRunner } from 'typeorm';

export class StoryIndexTombstoneGuard1764100430000 implements MigrationInterface {
  name = 'StoryIndexTombstoneGuard1764100430000';

  async up(q: QueryRunner): Promise<void> {
    // A withdrawn story never reappears in the provincial index, even if a late story.pooled arrives.
    await q.query(`CREATE TRIGGER story_index_skip_withdrawn BEFORE INSERT OR UPDATE ON story_index FOR EACH ROW EXECUTE FUNCTION syn_skip_withdrawn()`);
    await q.query(`CREATE INDEX story_index_embargo ON story_index (embargo_until) WHERE embargo_until IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX story_index_embargo`);
    await q.query(`DROP TRIGGER story_index_skip_withdrawn ON story_index`);
  }
}
