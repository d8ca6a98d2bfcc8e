/**
 * Pending submissions of a hub within $3 bits of SimHash $1, found through the band index ($2:
 * simhashProbeKeys), nearest first. A function planned with sequential scans off, for the reason
 * given at nearDuplicateFunctionDdl (@syn/chinese-text): the overlap's estimate is several times
 * too high, and testing it on every fingerprint made each arrival cost linear in the queue.
 */
export const SUBMISSION_NEAR_DUPLICATES_DDL: readonly string[] = [
  // New band entries go straight into the index instead of a pending list every lookup scans (see nearDuplicateFunctionDdl).
  `ALTER INDEX submission_fingerprints_bands SET (fastupdate = off)`,
  `SELECT gin_clean_pending_list('submission_fingerprints_bands'::regclass)`,
  `
CREATE OR REPLACE FUNCTION submission_near_duplicates(bigint, int[], int, text)
  RETURNS TABLE (story_id uuid, distance int)
  LANGUAGE sql STABLE SET enable_seqscan = off AS $fn$
WITH candidates AS MATERIALIZED (
  SELECT f.story_id, f.simhash, f.hub_code FROM submission_fingerprints f WHERE f.simhash_bands && $2
)
SELECT c.story_id, bit_count((c.simhash # $1)::bit(64))::int
FROM candidates c
JOIN submissions s ON s.story_id = c.story_id AND s.status = 'pending'
WHERE bit_count((c.simhash # $1)::bit(64)) <= $3
  AND c.hub_code = $4
ORDER BY 2
LIMIT 20
$fn$`,
];

export const SUBMISSION_NEAR_DUPLICATES_DROP: readonly string[] = [
  `DROP FUNCTION IF EXISTS submission_near_duplicates(bigint, int[], int, text)`,
  `ALTER INDEX submission_fingerprints_bands RESET (fastupdate)`,
];

/**
 * The lookup for a batch of fingerprints at once: $1 SimHashes, $2 their probe keys (comma-joined:
 * an array of arrays would unnest flat), $3 hubs, $4 the distance; `i` numbers the fingerprint from 1.
 */
export const SUBMISSION_NEAR_DUPLICATES_BATCH_QUERY = `SELECT q.i::int AS i, n.story_id
  FROM unnest($1::bigint[], $2::text[], $3::text[]) WITH ORDINALITY AS q(simhash, probe, hub_code, i)
 CROSS JOIN LATERAL submission_near_duplicates(q.simhash, string_to_array(q.probe, ',')::int[], $4::int, q.hub_code) n`;

/**
 * Both lookups a batch of new submissions needs, in one statement: the pending submissions near
 * each fingerprint (`queue`) and the pooled stories near it (`pool`, from `poolBatchSql`, the pool
 * search set's nearDuplicateBatchSql, at most $5 per story). $1–$4 as SUBMISSION_NEAR_DUPLICATES_BATCH_QUERY,
 * whose hubs are the pool's scopes. Returns (i, story_id), the queue's and the pool's together.
 */
export function queueAndPoolNearDuplicatesSql(poolBatchSql: string): string {
  return `SELECT q.i, q.story_id FROM (${SUBMISSION_NEAR_DUPLICATES_BATCH_QUERY}) q
UNION ALL
SELECT p.i, p.story_id FROM (${poolBatchSql}) p`;
}

/**
 * The submissions' SimHash bands in a narrow table of their own (as simhashBandsDdl does for the
 * pool): the lookup reads band rows by an index that carries the SimHash and the story, checks the
 * distance there, and joins the review queue only for the few within it. Through the GIN over
 * submission_fingerprints.simhash_bands every candidate, pending or long decided, was a fingerprint
 * row read and joined: ~1,100 per probe at 15,000 submissions of the bench's alike stories. Only
 * pending submissions have band rows (the decision removes them, DECIDED_BANDS_DELETE), so the
 * lookup grows with the review queue, not with everything ever submitted; a decided story that
 * entered the pool is found by the pool's own lookup.
 */
export const SUBMISSION_BANDS_DDL: readonly string[] = [
  `CREATE TABLE submission_bands (
    band_key int NOT NULL,
    hub_code text NOT NULL,
    simhash  bigint NOT NULL,
    story_id uuid NOT NULL REFERENCES submission_fingerprints (story_id) ON DELETE CASCADE
  )`,
  // Only the pending ones: the lookup looks for pending submissions, and a decision removes a story's bands.
  `INSERT INTO submission_bands (band_key, hub_code, simhash, story_id)
  SELECT k.band_key, f.hub_code, f.simhash, f.story_id
    FROM submission_fingerprints f JOIN submissions s ON s.story_id = f.story_id AND s.status = 'pending'
   CROSS JOIN LATERAL unnest(f.simhash_bands) AS k(band_key)`,
  `CREATE INDEX submission_bands_key ON submission_bands (band_key, hub_code) INCLUDE (simhash, story_id)`,
  `CREATE INDEX submission_bands_story ON submission_bands (story_id)`,
  `DROP INDEX IF EXISTS submission_fingerprints_bands`,
  `CREATE OR REPLACE FUNCTION submission_near_duplicates(bigint, int[], int, text)
  RETURNS TABLE (story_id uuid, distance int)
  LANGUAGE sql STABLE AS $fn$
WITH near AS (
  SELECT DISTINCT b.story_id, bit_count((b.simhash # $1)::bit(64))::int AS distance
  FROM unnest($2) AS k(band_key)
  JOIN submission_bands b ON b.band_key = k.band_key AND b.hub_code = $4
  WHERE bit_count((b.simhash # $1)::bit(64)) <= $3
)
SELECT n.story_id, n.distance
FROM near n
JOIN submissions s ON s.story_id = n.story_id AND s.status = 'pending'
ORDER BY 2
LIMIT 20
$fn$`,
];

export const SUBMISSION_BANDS_DROP: readonly string[] = [
  `CREATE INDEX IF NOT EXISTS submission_fingerprints_bands ON submission_fingerprints USING gin (simhash_bands) WITH (fastupdate = off)`,
  ...SUBMISSION_NEAR_DUPLICATES_DDL.filter((stmt) => stmt.includes('CREATE OR REPLACE FUNCTION')),
  `DROP TABLE IF EXISTS submission_bands`,
];

/** A decision takes the stories out of the lookup for pending submissions. $1 story_id uuid[]. */
export const DECIDED_BANDS_DELETE = `DELETE FROM submission_bands WHERE story_id = ANY($1::uuid[])`;
