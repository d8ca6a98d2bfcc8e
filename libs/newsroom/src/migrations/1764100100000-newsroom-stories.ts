import { MigrationInterface, QueryRunner } from 'typeorm';

export class NewsroomStories1764100100000 implements MigrationInterface {
  name = 'NewsroomStories1764100100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stories (
        id uuid PRIMARY KEY,
        center_code char(6) NOT NULL,
        version int NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('draft','submitted','accepted','rejected','returned')),
        title text NOT NULL,
        summary text,
        body text NOT NULL,
        byline text NOT NULL,
        authors jsonb NOT NULL DEFAULT '[]',
        category text NOT NULL,
        tags text[] NOT NULL DEFAULT '{}',
        region_code char(6) NOT NULL,
        media_refs jsonb NOT NULL DEFAULT '[]',
        priority text NOT NULL,
        embargo_until timestamptz,
        content_hash char(64) NOT NULL,
        submitted_version int,
        submitted_to char(6),
        submitted_at timestamptz,
        decision_reason text,
        decided_by text,
        decided_at timestamptz,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX stories_center_updated ON stories (center_code, updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX stories_center_status ON stories (center_code, status, updated_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stories`);
  }
}
