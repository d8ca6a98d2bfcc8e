import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An originating desk's live feed: where each of its stories stands (三审 steps, submitted,
 * accepted, rejected or returned with the reason, withdrawn) and who used it (采用反馈, 转载 by a
 * sibling), journaled by statement triggers in the writing transaction.
 */
export class NewsroomLiveFeed1764101200400 implements MigrationInterface {
  name = 'NewsroomLiveFeed1764101200400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION syn_live_story_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_feed_journal (center_code, event, story_id, data)
        SELECT n.center_code, 'story.status', n.id, jsonb_build_object(
                 'storyId', n.id, 'version', n.version, 'title', n.title, 'status', n.status, 'previousStatus', o.status,
                 'reviewStage', n.review_stage, 'submittedTo', n.submitted_to, 'submittedVersion', n.submitted_version,
                 'reason', CASE WHEN n.status IN ('rejected', 'returned') THEN coalesce(n.decision_reason, n.sent_back_reason) ELSE n.sent_back_reason END,
                 'decidedBy', n.decided_by, 'decidedAt', n.decided_at,
                 'withdrawn', n.withdrawn_at IS NOT NULL, 'withdrawalReason', n.withdrawal_reason, 'holderName', n.holder_name,
                 'at', greatest(n.updated_at, n.decided_at, n.withdrawn_at))
          FROM new_rows n JOIN old_rows o USING (id)
         WHERE (n.status, n.review_stage, n.decided_at, n.withdrawn_at, n.submitted_version)
               IS DISTINCT FROM (o.status, o.review_stage, o.decided_at, o.withdrawn_at, o.submitted_version);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION syn_live_feedback_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_feed_journal (center_code, event, story_id, data)
        SELECT n.center_code, 'story.feedback', n.story_id, jsonb_build_object(
                 'storyId', n.story_id, 'version', n.version, 'kind', n.kind, 'adopterCode', n.adopter_code, 'adopterName', n.adopter_name,
                 'adopterLevel', n.adopter_level, 'adoptedBy', n.adopted_by, 'channel', n.channel, 'note', n.note, 'at', n.adopted_at)
          FROM new_rows n;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER stories_live_updated AFTER UPDATE ON stories REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION syn_live_story_updated()`,
    );
    await q.query(
      `CREATE TRIGGER story_feedback_live_inserted AFTER INSERT ON story_feedback REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION syn_live_feedback_inserted()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER story_feedback_live_inserted ON story_feedback`);
    await q.query(`DROP TRIGGER stories_live_updated ON stories`);
    await q.query(`DROP FUNCTION syn_live_feedback_inserted()`);
    await q.query(`DROP FUNCTION syn_live_story_updated()`);
  }
}
