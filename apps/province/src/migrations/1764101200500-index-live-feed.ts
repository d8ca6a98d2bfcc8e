import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The provincial desk's live feed: every change of the index and every 推荐, journaled by
 * statement triggers in the writing transaction (one INSERT … SELECT per statement, however many
 * rows a consumer batch wrote). A story under embargo from a city's pool carries `embargoedUntil`,
 * and the feed leaves its text out until then.
 */
export class IndexLiveFeed1764101200500 implements MigrationInterface {
  name = 'IndexLiveFeed1764101200500';

  async up(q: QueryRunner): Promise<void> {
    const entry = (n: string) => `jsonb_build_object(
        'storyId', ${n}.story_id, 'version', ${n}.version, 'edition', ${n}.edition, 'title', ${n}.title, 'summary', ${n}.summary,
        'byline', ${n}.byline, 'category', ${n}.category, 'priority', ${n}.priority, 'hubCode', ${n}.hub_code, 'originCode', ${n}.origin_code,
        'topicId', ${n}.topic_id, 'by', ${n}.pooled_by, 'at', ${n}.pooled_at,
        'embargoedUntil', CASE WHEN ${n}.hub_code <> ${n}.province_code THEN ${n}.embargo_until END)`;
    await q.query(`
      CREATE FUNCTION syn_live_index_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_feed_journal (center_code, event, story_id, data)
        SELECT n.province_code, 'index.pooled', n.story_id, ${entry('n')} FROM new_rows n;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION syn_live_index_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_feed_journal (center_code, event, story_id, data)
        SELECT n.province_code, CASE WHEN n.version > o.version THEN 'index.corrected' ELSE 'index.repackaged' END, n.story_id, ${entry('n')}
          FROM new_rows n JOIN old_rows o USING (story_id)
         WHERE (n.version, n.edition) IS DISTINCT FROM (o.version, o.edition);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION syn_live_index_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_feed_journal (center_code, event, story_id, data)
        SELECT o.province_code, 'index.withdrawn', o.story_id,
               jsonb_build_object('storyId', o.story_id, 'version', o.version, 'hubCode', o.hub_code, 'originCode', o.origin_code, 'at', now())
          FROM old_rows o;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION syn_live_index_recommended() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_feed_journal (center_code, event, story_id, data)
        SELECT n.province_code, 'index.recommended', n.story_id,
               jsonb_build_object('storyId', n.story_id, 'hubCode', n.hub_code, 'note', n.note, 'by', n.recommended_by, 'at', n.recommended_at)
          FROM new_rows n;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER story_index_live_inserted AFTER INSERT ON story_index REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION syn_live_index_inserted()`,
    );
    await q.query(
      `CREATE TRIGGER story_index_live_updated AFTER UPDATE ON story_index REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION syn_live_index_updated()`,
    );
    await q.query(
      `CREATE TRIGGER story_index_live_deleted AFTER DELETE ON story_index REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION syn_live_index_deleted()`,
    );
    await q.query(
      `CREATE TRIGGER story_recommendations_live_inserted AFTER INSERT ON story_recommendations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION syn_live_index_recommended()`,
    );
    await q.query(
      `CREATE TRIGGER story_recommendations_live_updated AFTER UPDATE ON story_recommendations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION syn_live_index_recommended()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER story_recommendations_live_updated ON story_recommendations`);
    await q.query(`DROP TRIGGER story_recommendations_live_inserted ON story_recommendations`);
    await q.query(`DROP TRIGGER story_index_live_deleted ON story_index`);
    await q.query(`DROP TRIGGER story_index_live_updated ON story_index`);
    await q.query(`DROP TRIGGER story_index_live_inserted ON story_index`);
    for (const f of ['recommended', 'deleted', 'updated', 'inserted']) await q.query(`DROP FUNCTION syn_live_index_${f}()`);
  }
}
