import { MigrationInterface, QueryRunner } from 'typeorm';

export class HubWorkflow1764100310200 implements MigrationInterface {
  name = 'HubWorkflow1764100310200';

  async up(q: QueryRunner): Promise<void> {
    // Claims keep two curators off one story; previous_* tells a resubmission from a first submission.
    await q.query(`
      ALTER TABLE submissions
        ADD COLUMN claimed_by text,
        ADD COLUMN claimed_by_name text,
        ADD COLUMN claim_expires_at timestamptz,
        ADD COLUMN previous_version int,
        ADD COLUMN previous_status text,
        ADD COLUMN previous_reason text`);
    // edition: the hub's own edits of one origin version (headline, summary, tags); original_*: the origin's text.
    await q.query(`
      ALTER TABLE pool_stories
        ADD COLUMN edition int NOT NULL DEFAULT 0,
        ADD COLUMN original_title text,
        ADD COLUMN original_summary text,
        ADD COLUMN original_tags text[],
        ADD COLUMN edited_by text,
        ADD COLUMN edited_at timestamptz,
        ADD COLUMN recommended_at timestamptz,
        ADD COLUMN recommended_by text,
        ADD COLUMN recommend_note text`);
    await q.query(`UPDATE pool_stories SET original_title = title, original_summary = summary, original_tags = tags`);
    await q.query(`ALTER TABLE pool_stories ALTER COLUMN original_title SET NOT NULL, ALTER COLUMN original_tags SET NOT NULL`);
    await q.query(`
      CREATE TABLE pool_story_edits (
        id uuid PRIMARY KEY,
        hub_code char(6) NOT NULL,
        story_id uuid NOT NULL,
        version int NOT NULL,
        edition int NOT NULL,
        before jsonb NOT NULL,
        after jsonb NOT NULL,
        edited_by text NOT NULL,
        edited_by_name text NOT NULL,
        edited_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX pool_story_edits_story ON pool_story_edits (hub_code, story_id, edited_at DESC)`);
    // Uses of pooled stories that the hub heard of (转载 by a child), relayed to the origin as feedback.
    await q.query(`
      CREATE TABLE pool_adoptions (
        event_id uuid PRIMARY KEY,
        hub_code char(6) NOT NULL,
        story_id uuid NOT NULL,
        version int NOT NULL,
        kind text NOT NULL,
        adopter_code char(6) NOT NULL,
        adopted_by text NOT NULL,
        channel text NOT NULL,
        adopted_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX pool_adoptions_story ON pool_adoptions (hub_code, story_id, adopted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE pool_adoptions`);
    await q.query(`DROP TABLE pool_story_edits`);
    await q.query(`
      ALTER TABLE pool_stories DROP COLUMN edition, DROP COLUMN original_title, DROP COLUMN original_summary, DROP COLUMN original_tags,
        DROP COLUMN edited_by, DROP COLUMN edited_at, DROP COLUMN recommended_at, DROP COLUMN recommended_by, DROP COLUMN recommend_note`);
    await q.query(`
      ALTER TABLE submissions DROP COLUMN claimed_by, DROP COLUMN claimed_by_name, DROP COLUMN claim_expires_at,
        DROP COLUMN previous_version, DROP COLUMN previous_status, DROP COLUMN previous_reason`);
  }
}
