/**
 * Schema and statements for searching the city hub's story pool (大稿库).
 *
 * The strings are meant to be pasted into / called from a TypeORM migration
 * and repository; they assume a `pool_stories (id uuid primary key, ...)`
 * table in the same database. See docs/search-design.md for the why and the
 * measurements.
 *
 * Three tables:
 * - pool_search_docs: one row per pooled story. Filter columns, a tsvector of
 *   the story's distinct words (GIN; answers "which stories contain these
 *   words" exactly), and the SimHash with its band keys (GIN; near-duplicate
 *   candidates by equality).
 * - pool_search_terms: salient postings only (title words, repeated words),
 *   with the BM25 tf component as `impact`. Its (term, impact DESC, doc_no
 *   DESC) index makes single-word top-k an index range scan of 20 entries,
 *   however many stories contain the word. Filter columns are copied in so
 *   county/category/date filters are checked inside the index.
 * - pool_search_lexicon: document frequency per word for idf, refreshed by a
 *   periodic job (idf only weighs multi-word queries, so staleness is cheap).
 */

export const POOL_SEARCH_DDL: readonly string[] = [
  `CREATE TABLE pool_search_docs (
    story_id      uuid PRIMARY KEY REFERENCES pool_stories (id) ON DELETE CASCADE,
    -- Dense surrogate: 8-byte keys in the postings table instead of 16-byte
    -- uuids, and a recency order for ties ("newer first").
    doc_no        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    hub_code      text NOT NULL,
    origin_code   text,
    category      text,
    tags          text[] NOT NULL DEFAULT '{}',
    pooled_at     timestamptz NOT NULL,
    word_count    integer NOT NULL,
    lexemes       tsvector NOT NULL,
    simhash       bigint NOT NULL,
    simhash_bands integer[] NOT NULL
  )`,
  `CREATE INDEX pool_search_docs_lexemes_gin ON pool_search_docs USING gin (lexemes)`,
  `CREATE INDEX pool_search_docs_simhash_bands_gin ON pool_search_docs USING gin (simhash_bands)`,
  `CREATE INDEX pool_search_docs_origin_pooled ON pool_search_docs (origin_code, pooled_at)`,
  `CREATE INDEX pool_search_docs_category_pooled ON pool_search_docs (category, pooled_at)`,
  `CREATE INDEX pool_search_docs_pooled ON pool_search_docs (pooled_at)`,
  `CREATE INDEX pool_search_docs_tags_gin ON pool_search_docs USING gin (tags)`,
  `CREATE TABLE pool_search_terms (
    term        text NOT NULL,
    impact      smallint NOT NULL,
    doc_no      bigint NOT NULL REFERENCES pool_search_docs (doc_no) ON DELETE CASCADE,
    origin_code text,
    category    text,
    pooled_at   timestamptz NOT NULL,
    PRIMARY KEY (doc_no, term)
  )`,
  `CREATE INDEX pool_search_terms_rank ON pool_search_terms (term, impact DESC, doc_no DESC)
    INCLUDE (origin_code, category, pooled_at)`,
  // Searches touch a few hundred index entries; starting parallel workers
  // costs more (measured ~17 ms per Gather on the 2-core hub) than the scan.
  `ALTER TABLE pool_search_docs SET (parallel_workers = 0)`,
  `ALTER TABLE pool_search_terms SET (parallel_workers = 0)`,
  // The planner needs per-word row estimates to choose between the postings
  // index and the GIN path; the default 100 most-common values is too few.
  `ALTER TABLE pool_search_terms ALTER COLUMN term SET STATISTICS 1000`,
  `CREATE TABLE pool_search_lexicon (
    term text PRIMARY KEY,
    df   integer NOT NULL
  )`,
];

/** Reverse order of POOL_SEARCH_DDL's tables, for the migration's down(). */
export const POOL_SEARCH_DROP: readonly string[] = [
  `DROP TABLE IF EXISTS pool_search_lexicon`,
  `DROP TABLE IF EXISTS pool_search_terms`,
  `DROP TABLE IF EXISTS pool_search_docs`,
];

/**
 * Index one story when it is accepted into the pool: the docs row and its
 * salient postings in one statement (one round trip, atomic).
 *
 * $1 story_id, $2 hub_code, $3 origin_code, $4 category, $5 tags text[],
 * $6 pooled_at, $7 word_count, $8 lexemes text[] (segmenter.lexemes),
 * $9 simhash bigint (simhashToPg), $10 simhash_bands int[] (simhashBands),
 * $11 terms text[], $12 impacts smallint[] (termImpacts().postings).
 */
export const INSERT_POOL_SEARCH_STORY = `
WITH d AS (
  INSERT INTO pool_search_docs
    (story_id, hub_code, origin_code, category, tags, pooled_at, word_count, lexemes, simhash, simhash_bands)
  VALUES ($1, $2, $3, $4, $5::text[], $6, $7, array_to_tsvector($8::text[]), $9::bigint, $10::int[])
  RETURNING doc_no, origin_code, category, pooled_at
)
INSERT INTO pool_search_terms (term, impact, doc_no, origin_code, category, pooled_at)
SELECT p.term, p.impact, d.doc_no, d.origin_code, d.category, d.pooled_at
FROM d, unnest($11::text[], $12::smallint[]) AS p (term, impact)`;

/** Withdrawal (or before re-indexing an edited story): postings go by cascade. */
export const DELETE_POOL_SEARCH_STORY = `DELETE FROM pool_search_docs WHERE story_id = $1`;

/**
 * Near-duplicate check for one new story. $1 simhash (signed bigint),
 * $2 probe keys (simhashProbeKeys), $3 max distance
 * (NEAR_DUPLICATE_MAX_DISTANCE), $4 max rows. The band overlap is a GIN
 * equality lookup (~200 chance candidates at 200k stories); the distance is
 * then exact.
 */
export const NEAR_DUPLICATE_QUERY = `
SELECT d.story_id, d.doc_no, d.pooled_at, d.origin_code,
       bit_count((d.simhash # $1::bigint)::bit(64))::int AS distance
FROM pool_search_docs d
WHERE d.simhash_bands && $2::int[]
  AND bit_count((d.simhash # $1::bigint)::bit(64)) <= $3
ORDER BY distance, d.doc_no DESC
LIMIT $4`;

/**
 * Refresh document frequencies from the GIN-indexed tsvectors. Run from a
 * scheduled job (hourly is plenty), not per insert: per-insert upserts would
 * make every story insert lock the rows of its ~500 words.
 */
export const REFRESH_POOL_SEARCH_LEXICON: readonly string[] = [
  `CREATE TEMP TABLE pool_search_lexicon_new ON COMMIT DROP AS
     SELECT word AS term, ndoc AS df FROM ts_stat('SELECT lexemes FROM pool_search_docs')`,
  `DELETE FROM pool_search_lexicon`,
  `INSERT INTO pool_search_lexicon (term, df) SELECT term, df FROM pool_search_lexicon_new`,
];

/**
 * Shape of the single-word search (pool-search.query.ts generates the exact
 * text, with filters and cursor). Salient postings come first in
 * (impact, doc_no) order straight from the rank index; when a page runs past
 * them it continues with the remaining matches from the GIN index, newest
 * first. UNION ALL under LIMIT is evaluated lazily, so the second branch
 * does not run while the first still fills the page.
 */
export const SINGLE_WORD_SEARCH_SHAPE = `
WITH page AS (
  (SELECT t.doc_no, t.impact::bigint AS score
     FROM pool_search_terms t
    WHERE t.term = $1
      AND (t.impact, t.doc_no) < ($cursor_score, $cursor_doc_no)
      /* AND t.origin_code = ANY($origin) AND t.category = $category
         AND t.pooled_at >= $from AND t.pooled_at < $to */
    ORDER BY t.impact DESC, t.doc_no DESC
    LIMIT $limit)
  UNION ALL
  (SELECT d.doc_no, 0::bigint
     FROM pool_search_docs d
    WHERE d.lexemes @@ $tsquery::tsquery
      AND NOT EXISTS (SELECT 1 FROM pool_search_terms t WHERE t.doc_no = d.doc_no AND t.term = $1)
      /* AND d.doc_no < $cursor_doc_no when the cursor is already past the salient postings */
    ORDER BY d.doc_no DESC
    LIMIT $limit)
  LIMIT $limit
)
SELECT d.story_id, page.doc_no, page.score /* , s.title, s.body */
FROM page
JOIN pool_search_docs d ON d.doc_no = page.doc_no
/* JOIN pool_stories s ON s.id = d.story_id */
ORDER BY page.score DESC, page.doc_no DESC`;

/**
 * Shape of the multi-word (AND) search. The GIN index finds the exact match
 * set (with filters, as a BitmapAnd), one LEFT JOIN per word against its
 * salient postings supplies the impacts, idf comes from the lexicon:
 * score = Σ idf×100 × impact, an integer so keyset comparisons are exact.
 */
export const MULTI_WORD_SEARCH_SHAPE = `
WITH w AS (
  SELECT u.ord,
         round(100 * ln(1 + (n.docs - coalesce(l.df, 0) + 0.5) / (coalesce(l.df, 0) + 0.5)))::int AS idf
  FROM unnest($words::text[]) WITH ORDINALITY AS u (term, ord)
  CROSS JOIN (SELECT greatest(reltuples, 1)::float8 AS docs FROM pg_class
               WHERE oid = 'pool_search_docs'::regclass) n
  LEFT JOIN pool_search_lexicon l ON l.term = u.term
),
m AS MATERIALIZED (
  SELECT d.doc_no FROM pool_search_docs d
  WHERE d.lexemes @@ $tsquery::tsquery /* AND filters on d */
),
scored AS (
  SELECT m.doc_no,
         (coalesce(t0.impact, 0) * (SELECT idf FROM w WHERE ord = 1)
        + coalesce(t1.impact, 0) * (SELECT idf FROM w WHERE ord = 2))::bigint AS score
  FROM m
  LEFT JOIN pool_search_terms t0 ON t0.term = $word1 AND t0.doc_no = m.doc_no
  LEFT JOIN pool_search_terms t1 ON t1.term = $word2 AND t1.doc_no = m.doc_no
),
page AS (
  SELECT scored.doc_no, scored.score FROM scored
  WHERE (scored.score, scored.doc_no) < ($cursor_score, $cursor_doc_no)
  ORDER BY scored.score DESC, scored.doc_no DESC
  LIMIT $limit
)
SELECT d.story_id, page.doc_no, page.score
FROM page JOIN pool_search_docs d ON d.doc_no = page.doc_no
ORDER BY page.score DESC, page.doc_no DESC`;
