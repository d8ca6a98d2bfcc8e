import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every version of a story, kept so a desk can show two side by side; the stories table keeps
 * only the current one. Stories written before this table existed get their current version.
 */
export class StoryVersions1764101200100 implements MigrationInterface {
  name = 'StoryVersions1764101200100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE story_versions (
        story_id uuid NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
        version int NOT NULL CHECK (version >= 1),
        center_code char(6) NOT NULL,
        kind text NOT NULL CHECK (kind IN ('created','edited','corrected','withdrawn','backfilled')),
        title text NOT NULL,
        content jsonb NOT NULL,
        content_hash char(64) NOT NULL,
        by_user text,
        by_name text,
        note text,
        at timestamptz NOT NULL,
        PRIMARY KEY (story_id, version)
      )`);
    await q.query(`
      INSERT INTO story_versions (story_id, version, center_code, kind, title, content, content_hash, by_user, by_name, at)
      SELECT id, version, center_code, 'backfilled', title,
             jsonb_build_object('title', title, 'summary', summary, 'body', body, 'byline', byline, 'authors', authors,
                                'category', category, 'tags', to_jsonb(tags), 'regionCode', region_code, 'mediaRefs', media_refs,
                                'priority', priority, 'embargoUntil', to_char(embargo_until AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
             content_hash, holder_id, holder_name, updated_at
        FROM stories`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE story_versions`);
  }
}
