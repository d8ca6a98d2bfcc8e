import { MigrationInterface, QueryRunner } from 'typeorm';

export class HubPool1764100200000 implements MigrationInterface {
  name = 'HubPool1764100200000';

  async up(q: QueryRunner): Promise<void> {
    // One row per story in review: a newer version replaces the pending one.
    await q.query(`
      CREATE TABLE submissions (
        story_id uuid PRIMARY KEY,
        hub_code char(6) NOT NULL,
        origin_code char(6) NOT NULL,
        version int NOT NULL,
        snapshot jsonb NOT NULL,
        content_hash char(64) NOT NULL,
        title text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending','accepted','rejected','returned')),
        submitted_by text NOT NULL,
        submitted_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        decided_by text,
        decided_at timestamptz,
        reason text
      )`);
    await q.query(`CREATE INDEX submissions_queue ON submissions (hub_code, status, received_at DESC, story_id DESC)`);
    await q.query(`
      CREATE TABLE pool_stories (
        story_id uuid PRIMARY KEY,
        hub_code char(6) NOT NULL,
        origin_code char(6) NOT NULL,
        version int NOT NULL,
        title text NOT NULL,
        summary text,
        body text NOT NULL,
        byline text NOT NULL,
        authors jsonb NOT NULL,
        category text NOT NULL,
        tags text[] NOT NULL,
        region_code char(6) NOT NULL,
        media_refs jsonb NOT NULL,
        priority text NOT NULL,
        embargo_until timestamptz,
        content_hash char(64) NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        pooled_at timestamptz NOT NULL,
        pooled_by text NOT NULL
      )`);
    await q.query(`CREATE INDEX pool_stories_hub_pooled ON pool_stories (hub_code, pooled_at DESC, story_id DESC)`);
    await q.query(`CREATE INDEX pool_stories_origin_pooled ON pool_stories (origin_code, pooled_at DESC, story_id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pool_stories`);
    await q.query(`DROP TABLE submissions`);
  }
}
