import { MigrationInterface, QueryRunner } from 'typeorm';

export class StoryIndexEditions1764100310300 implements MigrationInterface {
  name = 'StoryIndexEditions1764100310300';

  async up(q: QueryRunner): Promise<void> {
    // edition: a hub's curator edits of one origin version; the index keeps the highest (version, edition).
    await q.query(`ALTER TABLE story_index ADD COLUMN edition int NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE story_index DROP COLUMN edition`);
  }
}
