import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A hub desk's live feed: its review queue (queued or updated, claimed with expiry, released,
 * decided, removed) and its pool (pooled, corrected, repackaged, recommended, withdrawn),
 * journaled by statement triggers in the writing transaction: one INSERT … SELECT per statement,
 * whatever the batch size, and nothing in the handlers themselves.
 */
export class HubLiveFeed1764101200300 implements MigrationInterface {
  name = 'HubLiveFeed1764101200300';

  async up(q: QueryRunner): Promise<void> {
    const queued = (n: string) => `jsonb_build_object(
        'storyId', ${n}.story_id, 'version', ${n}.version, 'title', ${n}.title, 'originCode', ${n}.origin_code, 'hubCode', ${n}.hub_code,
        'status', ${n}.status, 'submittedBy', ${n}.submitted_by, 'at', ${n}.submitted_at)`;
    const pooled = (n: string) => `jsonb_build_object(
        'storyId', ${n}.story_id, 'version', ${n}.version, 'edition', ${n}.edition, 'title', ${n}.title, 'summary', ${n}.summary,
        'category', ${n}.category, 'priority', ${n}.priority, 'tags', to_jsonb(${n}.tags), 'originCode', ${n}.origin_code, 'hubCode', ${n}.hub_code,
        'by', ${n}.pooled_by, 'embargoUntil', ${n}.embargo_until, 'at', ${n}.pooled_at)`;
    await q.query(`
      CREATE FUNCTION syn_live_queue_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_feed_journal (center_code, event, story_id, data)
        SELECT n.hub_code, CASE WHEN n.status = 'pending' THEN 'queue.queued' ELSE 'queue.decided' END, n.story_id,
               ${queued('n')} || jsonb_build_object('decision', CASE WHEN n.status <> 'pending' THEN n.status END, 'reason', n.reason, 'decidedBy', n.decided_by)
          FROM new_rows n;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION syn_live_queue_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_feed_journal (center_code, event, story_id, data)
        SELECT n.hub_code, e.event, n.story_id, e.data
          FROM new_rows n JOIN old_rows o USING (story_id)
          CROSS JOIN LATERAL (VALUES
            (1, 'queue.queued', n.version <> o.version AND n.status = 'pending',
             ${queued('n')} || jsonb_build_object('previousVersion', o.version, 'previousStatus', o.status)),
            (2, 'queue.claimed', n.claimed_by IS NOT NULL AND n.status = 'pending' AND (n.claimed_by, n.claim_expires_at) IS DISTINCT FROM (o.claimed_by, o.claim_expires_at),
             jsonb_build_object('storyId', n.story_id, 'version', n.version, 'title', n.title, 'claimedBy', n.claimed_by, 'claimedByName', n.claimed_by_name, 'expiresAt', n.claim_expires_at, 'at', now())),
            (3, 'queue.released', n.claimed_by IS NULL AND o.claimed_by IS NOT NULL AND n.status = 'pending' AND o.status = 'pending',
             jsonb_build_object('storyId', n.story_id, 'version', n.version, 'title', n.title, 'releasedBy', o.claimed_by, 'releasedByName', o.claimed_by_name, 'at', now())),
            (4, 'queue.decided', n.status <> 'pending' AND (n.status, n.version) IS DISTINCT FROM (o.status, o.version),
             jsonb_build_object('storyId', n.story_id, 'version', n.version, 'title', n.title, 'originCode', n.origin_code, 'hubCode', n.hub_code,
                                'decision', n.status, 'reason', n.reason, 'decidedBy', n.decided_by, 'at', n.decided_at))
          ) AS e(ord, event, happened, data)
         WHERE e.happened
         ORDER BY n.story_id, e.ord;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION syn_live_queue_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_feed_journal (center_code, event, story_id, data)
        SELECT o.hub_code, 'queue.removed', o.story_id, jsonb_build_object('storyId', o.story_id, 'version', o.version, 'title', o.title, 'at', now())
          FROM old_rows o;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION syn_live_pool_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_feed_journal (center_code, event, story_id, data)
        SELECT n.hub_code, 'pool.pooled', n.story_id, ${pooled('n')} FROM new_rows n;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION syn_live_pool_updated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_feed_journal (center_code, event, story_id, data)
        SELECT n.hub_code, e.event, n.story_id, e.data
          FROM new_rows n JOIN old_rows o USING (story_id)
          CROSS JOIN LATERAL (VALUES
            (1, 'pool.corrected', n.version > o.version, ${pooled('n')}),
            (2, 'pool.repackaged', n.version = o.version AND n.edition > o.edition, ${pooled('n')} || jsonb_build_object('editedBy', n.edited_by, 'at', n.edited_at)),
            (3, 'pool.recommended', n.recommended_at IS NOT NULL AND o.recommended_at IS NULL,
             jsonb_build_object('storyId', n.story_id, 'title', n.title, 'hubCode', n.hub_code, 'originCode', n.origin_code, 'note', n.recommend_note, 'by', n.recommended_by, 'at', n.recommended_at))
          ) AS e(ord, event, happened, data)
         WHERE e.happened
         ORDER BY n.story_id, e.ord;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION syn_live_pool_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO live_feed_journal (center_code, event, story_id, data)
        SELECT o.hub_code, 'pool.withdrawn', o.story_id, jsonb_build_object('storyId', o.story_id, 'version', o.version, 'title', o.title, 'originCode', o.origin_code, 'at', now())
          FROM old_rows o;
        RETURN NULL;
      END $$`);
    for (const [table, fn] of [
      ['submissions', 'queue'],
      ['pool_stories', 'pool'],
    ]) {
      await q.query(
        `CREATE TRIGGER ${table}_live_inserted AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION syn_live_${fn}_inserted()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_live_updated AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION syn_live_${fn}_updated()`,
      );
      await q.query(
        `CREATE TRIGGER ${table}_live_deleted AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION syn_live_${fn}_deleted()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, fn] of [
      ['submissions', 'queue'],
      ['pool_stories', 'pool'],
    ]) {
      for (const op of ['inserted', 'updated', 'deleted']) {
        await q.query(`DROP TRIGGER ${table}_live_${op} ON ${table}`);
        await q.query(`DROP FUNCTION syn_live_${fn}_${op}()`);
      }
    }
  }
}
