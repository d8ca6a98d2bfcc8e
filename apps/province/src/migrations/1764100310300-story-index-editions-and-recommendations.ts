import { MigrationInterface, QueryRunner } from 'typeorm';

export class StoryIndexEditionsAndRecommendations1764100310300 implements MigrationInterface {
  name = 'StoryIndexEditionsAndRecommendations1764100310300';

  async up(q: QueryRunner): Promise<void> {
    // edition: a hub's curator edits of one origin version; the index keeps the highest (version, edition).
    await q.query(`
      ALTER TABLE story_index
        ADD COLUMN edition int NOT NULL DEFAULT 0,
        ADD COLUMN recommended boolean NOT NULL DEFAULT false,
        ADD COLUMN recommended_note text,
        ADD COLUMN recommended_by text,
        ADD COLUMN recommended_at timestamptz`);
    await q.query(`CREATE INDEX story_index_recommended ON story_index (province_code, recommended_at DESC, story_id DESC) WHERE recommended`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX story_index_recommended`);
    await q.query(`ALTER TABLE story_index DROP COLUMN edition, DROP COLUMN recommended, DROP COLUMN recommended_note, DROP COLUMN recommended_by, DROP COLUMN recommended_at`);
  }
}
