import { MigrationInterface, QueryRunner } from 'typeorm';

export class StoryIndex1764100300000 implements MigrationInterface {
  name = 'StoryIndex1764100300000';

  async up(q: QueryRunner): Promise<void> {
    // Metadata only: the full story stays in its hub's pool and is fetched over gRPC when opened.
    await q.query(`
      CREATE TABLE story_index (
        story_id uuid PRIMARY KEY,
        province_code char(6) NOT NULL,
        hub_code char(6) NOT NULL,
        origin_code char(6) NOT NULL,
        version int NOT NULL,
        title text NOT NULL,
        summary text,
        byline text NOT NULL,
        category text NOT NULL,
        tags text[] NOT NULL,
        region_code char(6) NOT NULL,
        priority text NOT NULL,
        embargo_until timestamptz,
        content_hash char(64) NOT NULL,
        pooled_at timestamptz NOT NULL,
        pooled_by text NOT NULL,
        indexed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX story_index_newest ON story_index (province_code, pooled_at DESC, story_id DESC)`);
    await q.query(`CREATE INDEX story_index_hub ON story_index (hub_code, pooled_at DESC, story_id DESC)`);
    await q.query(`CREATE INDEX story_index_origin ON story_index (origin_code, pooled_at DESC, story_id DESC)`);
    await q.query(`CREATE INDEX story_index_category ON story_index (province_code, category, pooled_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE story_index`);
  }
}
