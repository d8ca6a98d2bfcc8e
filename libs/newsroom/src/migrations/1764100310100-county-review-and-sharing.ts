import { MigrationInterface, QueryRunner } from 'typeorm';

export class CountyReviewAndSharing1764100310100 implements MigrationInterface {
  name = 'CountyReviewAndSharing1764100310100';

  async up(q: QueryRunner): Promise<void> {
    // 三审: the highest step signed for the current version, who signed each step, who holds it now.
    await q.query(`
      ALTER TABLE stories
        ADD COLUMN review_stage text NOT NULL DEFAULT 'none' CHECK (review_stage IN ('none','first','second','final')),
        ADD COLUMN review_signoffs jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN sent_back_reason text,
        ADD COLUMN holder_id text,
        ADD COLUMN holder_name text`);
    await q.query(`UPDATE stories SET holder_id = created_by, holder_name = created_by`);
    // A story already sent upstream before this migration passed the review that existed then.
    await q.query(`UPDATE stories SET review_stage = 'final' WHERE submitted_version = version`);
    await q.query(`
      CREATE TABLE review_policies (
        center_code char(6) PRIMARY KEY,
        steps int NOT NULL CHECK (steps IN (2, 3)),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    // 转载: a sibling's pooled story, copied with attribution for one of this center's channels.
    await q.query(`
      CREATE TABLE republished_stories (
        id uuid PRIMARY KEY,
        center_code char(6) NOT NULL,
        story_id uuid NOT NULL,
        origin_code char(6) NOT NULL,
        hub_code char(6) NOT NULL,
        version int NOT NULL,
        title text NOT NULL,
        summary text,
        body text NOT NULL,
        byline text NOT NULL,
        attribution text NOT NULL,
        category text NOT NULL,
        tags text[] NOT NULL,
        content_hash char(64) NOT NULL,
        channel text NOT NULL,
        republished_by text NOT NULL,
        republished_by_name text NOT NULL,
        republished_at timestamptz NOT NULL,
        UNIQUE (center_code, story_id, channel)
      )`);
    await q.query(`CREATE INDEX republished_stories_center ON republished_stories (center_code, republished_at DESC, id DESC)`);
    // 采用反馈: who used this center's stories, where and when.
    await q.query(`
      CREATE TABLE story_feedback (
        event_id uuid PRIMARY KEY,
        center_code char(6) NOT NULL,
        story_id uuid NOT NULL,
        version int NOT NULL,
        kind text NOT NULL,
        adopter_code char(6) NOT NULL,
        adopter_name text NOT NULL,
        adopter_level text NOT NULL,
        adopted_by text NOT NULL,
        channel text NOT NULL,
        note text,
        adopted_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX story_feedback_story ON story_feedback (center_code, story_id, adopted_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE story_feedback`);
    await q.query(`DROP TABLE republished_stories`);
    await q.query(`DROP TABLE review_policies`);
    await q.query(
      `ALTER TABLE stories DROP COLUMN review_stage, DROP COLUMN review_signoffs, DROP COLUMN sent_back_reason, DROP COLUMN holder_id, DROP COLUMN holder_name`,
    );
  }
}
