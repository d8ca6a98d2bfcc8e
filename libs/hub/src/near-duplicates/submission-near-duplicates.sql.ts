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

export const SUBMISSION_NEAR_DUPLICATES_QUERY = `SELECT story_id, distance FROM submission_near_duplicates($1::bigint, $2::int[], $3::int, $4::text)`;
