import { MigrationInterface, QueryRunner } from 'typeorm';

export class NewsroomInboxes1764100500200 implements MigrationInterface {
  name = 'NewsroomInboxes1764100500200';

  async up(q: QueryRunner): Promise<void> {
    // The topic a story answers travels with it.
    await q.query(`ALTER TABLE stories ADD COLUMN topic_id uuid`);
    // Topics received from above, one row per hosted center (a county app serves many centers).
    await q.query(`
      CREATE TABLE topic_inbox (
        center_code char(6) NOT NULL,
        topic_id uuid NOT NULL,
        issuer_code char(6) NOT NULL,
        title text NOT NULL,
        brief text NOT NULL,
        deadline timestamptz NOT NULL,
        targets text[] NOT NULL,
        targeted boolean NOT NULL,
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (center_code, topic_id)
      )`);
    await q.query(`CREATE INDEX topic_inbox_newest ON topic_inbox (center_code, issued_at DESC, topic_id DESC)`);
    // Releases received from above; a takedown that arrives first leaves a tombstone (story NULL).
    await q.query(`
      CREATE TABLE release_inbox (
        center_code char(6) NOT NULL,
        release_id uuid NOT NULL,
        issuer_code char(6) NOT NULL,
        revision int NOT NULL,
        title text,
        story jsonb,
        note text,
        targeted boolean NOT NULL,
        status text NOT NULL CHECK (status IN ('received','republished','withdrawn')),
        issued_by text,
        issued_at timestamptz,
        received_at timestamptz NOT NULL DEFAULT now(),
        revised_at timestamptz,
        republished_by text,
        republished_at timestamptz,
        withdrawn_at timestamptz,
        withdraw_reason text,
        PRIMARY KEY (center_code, release_id)
      )`);
    await q.query(`CREATE INDEX release_inbox_newest ON release_inbox (center_code, received_at DESC, release_id DESC)`);
    // 采用反馈 as each hop received it: the city hub on the way, and the origin on its story.
    await q.query(`
      CREATE TABLE adoption_feedback (
        center_code char(6) NOT NULL,
        adoption_id uuid NOT NULL,
        story_id uuid NOT NULL,
        story_version int NOT NULL,
        story_title text NOT NULL,
        origin_code char(6) NOT NULL,
        hub_code char(6) NOT NULL,
        adopter_code char(6) NOT NULL,
        channel text NOT NULL,
        adopted_by text NOT NULL,
        adopted_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (center_code, adoption_id)
      )`);
    await q.query(`CREATE INDEX adoption_feedback_story ON adoption_feedback (center_code, story_id)`);
    await q.query(`CREATE INDEX adoption_feedback_newest ON adoption_feedback (center_code, adopted_at DESC, adoption_id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE adoption_feedback`);
    await q.query(`DROP TABLE release_inbox`);
    await q.query(`DROP TABLE topic_inbox`);
    await q.query(`ALTER TABLE stories DROP COLUMN topic_id`);
  }
}
