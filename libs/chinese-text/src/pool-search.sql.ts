/**
 * Schema and statements for Chinese full-text search over a set of stories:
 * the city hub's story pool (大稿库), and the province's index of every pool.
 *
 * Every statement is generated for one `SearchTables` (table names plus the
 * table that holds the stories' title and body), so two searchable sets can
 * live in one database: the province hosts its own pool and the index of its
 * cities' pools side by side. `POOL_SEARCH_*` are the hub pool's instances.
 * See docs/search-design.md for the why and the measurements.
 *
 * Three tables per set:
 * - <prefix>_docs: one row per story. Filter columns, a tsvector of the
 *   story's distinct words (GIN; answers "which stories contain these words"
 *   exactly), and the SimHash with its band keys (GIN; near-duplicate
 *   candidates by equality).
 * - <prefix>_terms: salient postings only (title words, repeated words), with
 *   the BM25 tf component as `impact`. Its (scope_code, term, impact DESC,
 *   doc_no DESC) index makes single-word top-k an index range scan of 20
 *   entries, however many stories contain the word. Filter columns are copied
 *   in so county/city/category/date filters are checked inside the index.
 * - <prefix>_lexicon: document frequency per word for idf, refreshed by a
 *   periodic job (idf only weighs multi-word queries, so staleness is cheap).
 *   <prefix>_lexicon_pending lists the stories indexed since they were last
 *   counted, so a refresh can add just those instead of recounting the set.
 *
 * `scope_code` is the center whose search a row belongs to (the hub for a
 * pool, the province for the index): apps are multi-tenant, so one database
 * may hold several hubs' pools, and every search and duplicate check names
 * its scope. `hub_code` is the hub that pools the story (equal to the scope
 * for a pool; the city filter of the province's search).
 */

export interface SearchTables {
  /** Prefix of the three tables and their indexes, e.g. `pool_search`. */
  readonly prefix: string;
  readonly docs: string;
  readonly terms: string;
  readonly lexicon: string;
  /** Stories indexed and not yet counted in the lexicon (doc_no). */
  readonly lexiconPending: string;
  /** Table holding `title` and `body` of the stories, keyed by story id. */
  readonly texts: string;
  /** Its key column (uuid), referenced by <prefix>_docs.story_id. */
  readonly textsKey: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function searchTables(prefix: string, texts: string, textsKey: string): SearchTables {
  for (const name of [prefix, texts, textsKey]) {
    if (!IDENTIFIER.test(name)) throw new RangeError(`invalid SQL identifier for search tables: ${name}`);
  }
  return { prefix, docs: `${prefix}_docs`, terms: `${prefix}_terms`, lexicon: `${prefix}_lexicon`, lexiconPending: `${prefix}_lexicon_pending`, texts, textsKey };
}

/** The hub's pool: stories live in pool_stories (story_id). */
export const POOL_SEARCH_TABLES = searchTables('pool_search', 'pool_stories', 'story_id');

/** Statements for a migration's up(), in order. */
export function searchDdl(t: SearchTables): string[] {
  return [
    `CREATE TABLE ${t.docs} (
    story_id      uuid PRIMARY KEY REFERENCES ${t.texts} (${t.textsKey}) ON DELETE CASCADE,
    -- Dense surrogate: 8-byte keys in the postings table instead of 16-byte
    -- uuids, and a recency order for ties ("newer first").
    doc_no        bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    scope_code    text NOT NULL,
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
    `CREATE INDEX ${t.docs}_lexemes_gin ON ${t.docs} USING gin (lexemes)`,
    `CREATE INDEX ${t.docs}_simhash_bands_gin ON ${t.docs} USING gin (simhash_bands)`,
    `CREATE INDEX ${t.docs}_origin_pooled ON ${t.docs} (scope_code, origin_code, pooled_at)`,
    `CREATE INDEX ${t.docs}_category_pooled ON ${t.docs} (scope_code, category, pooled_at)`,
    `CREATE INDEX ${t.docs}_pooled ON ${t.docs} (scope_code, pooled_at)`,
    `CREATE INDEX ${t.docs}_tags_gin ON ${t.docs} USING gin (tags)`,
    `CREATE TABLE ${t.terms} (
    scope_code  text NOT NULL,
    term        text NOT NULL,
    impact      smallint NOT NULL,
    doc_no      bigint NOT NULL REFERENCES ${t.docs} (doc_no) ON DELETE CASCADE,
    hub_code    text NOT NULL,
    origin_code text,
    category    text,
    pooled_at   timestamptz NOT NULL,
    PRIMARY KEY (doc_no, term)
  )`,
    `CREATE INDEX ${t.terms}_rank ON ${t.terms} (scope_code, term, impact DESC, doc_no DESC)
    INCLUDE (hub_code, origin_code, category, pooled_at)`,
    // Searches touch a few hundred index entries; starting parallel workers
    // costs more (measured ~17 ms per Gather on the 2-core hub) than the scan.
    `ALTER TABLE ${t.docs} SET (parallel_workers = 0)`,
    `ALTER TABLE ${t.terms} SET (parallel_workers = 0)`,
    // The planner needs per-word row estimates to choose between the postings
    // index and the GIN path; the default 100 most-common values is too few.
    `ALTER TABLE ${t.terms} ALTER COLUMN term SET STATISTICS 1000`,
    `CREATE TABLE ${t.lexicon} (
    term text PRIMARY KEY,
    df   integer NOT NULL
  )`,
  ];
}

/**
 * Postings are removed with their story by a delete trigger on the docs table instead of the
 * foreign key searchDdl created: the key's check ran once per posting on insert (~66 per story,
 * a fifth of the insert's time), while stories are removed rarely. Applied by a later migration.
 */
export function postingsCleanupDdl(t: SearchTables): string[] {
  return [
    `ALTER TABLE ${t.terms} DROP CONSTRAINT IF EXISTS ${t.terms}_doc_no_fkey`,
    `CREATE OR REPLACE FUNCTION ${t.terms}_drop_postings() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       DELETE FROM ${t.terms} WHERE doc_no = OLD.doc_no;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER ${t.terms}_drop_postings AFTER DELETE ON ${t.docs}
     FOR EACH ROW EXECUTE FUNCTION ${t.terms}_drop_postings()`,
  ];
}

/** Undoes postingsCleanupDdl (the foreign key comes back). */
export function postingsCleanupDrop(t: SearchTables): string[] {
  return [
    `DROP TRIGGER IF EXISTS ${t.terms}_drop_postings ON ${t.docs}`,
    `DROP FUNCTION IF EXISTS ${t.terms}_drop_postings()`,
    `DELETE FROM ${t.terms} x WHERE NOT EXISTS (SELECT 1 FROM ${t.docs} d WHERE d.doc_no = x.doc_no)`,
    `ALTER TABLE ${t.terms} ADD CONSTRAINT ${t.terms}_doc_no_fkey FOREIGN KEY (doc_no) REFERENCES ${t.docs} (doc_no) ON DELETE CASCADE`,
  ];
}

/** Reverse order of searchDdl's tables, for the migration's down(). */
export function searchDrop(t: SearchTables): string[] {
  return [`DROP TABLE IF EXISTS ${t.lexicon}`, `DROP TABLE IF EXISTS ${t.terms}`, `DROP TABLE IF EXISTS ${t.docs}`];
}

/**
 * Index one story: the docs row and its salient postings in one statement
 * (one round trip, atomic), in the transaction that pools the story.
 *
 * $1 story_id, $2 scope_code, $3 hub_code, $4 origin_code, $5 category,
 * $6 tags text[], $7 pooled_at, $8 word_count, $9 lexemes text[]
 * (segmenter.lexemes), $10 simhash bigint (simhashToPg), $11 simhash_bands
 * int[] (simhashBands), $12 terms text[], $13 impacts smallint[]
 * (termImpacts().postings).
 */
export function insertSearchStorySql(t: SearchTables): string {
  return `
WITH d AS (
  INSERT INTO ${t.docs}
    (story_id, scope_code, hub_code, origin_code, category, tags, pooled_at, word_count, lexemes, simhash, simhash_bands)
  VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, array_to_tsvector($9::text[]), $10::bigint, $11::int[])
  RETURNING doc_no, scope_code, hub_code, origin_code, category, pooled_at
),
uncounted AS (
  INSERT INTO ${t.lexiconPending} (doc_no) SELECT doc_no FROM d
)
INSERT INTO ${t.terms} (scope_code, term, impact, doc_no, hub_code, origin_code, category, pooled_at)
SELECT d.scope_code, p.term, p.impact, d.doc_no, d.hub_code, d.origin_code, d.category, d.pooled_at
FROM d, unnest($12::text[], $13::smallint[]) AS p (term, impact)`;
}

/** Withdrawal (or before re-indexing an edited story): postings go by the docs table's delete trigger. $1 story_id. */
export function deleteSearchStorySql(t: SearchTables): string {
  return `DELETE FROM ${t.docs} WHERE story_id = $1`;
}

/**
 * Near-duplicate check for one new story. $1 simhash (signed bigint),
 * $2 probe keys (simhashProbeKeys), $3 max distance
 * (NEAR_DUPLICATE_MAX_DISTANCE), $4 max rows, $5 scope_code. The band
 * overlap is a GIN equality lookup (~200 chance candidates at 200k stories);
 * the distance is then exact.
 */
export function nearDuplicateSql(t: SearchTables): string {
  return `SELECT * FROM ${t.docs}_near_duplicates($1::bigint, $2::int[], $3::int, $4::int, $5::text)`;
}

/**
 * The lookup behind nearDuplicateSql, as a function planned with sequential scans off. The
 * planner over-estimates a 68-key overlap (~20% of rows where ~5% match) and, while the pool is
 * small enough (up to tens of thousands of stories), prefers testing the overlap on every row: 4.9
 * ms against 0.9 ms per lookup through the band index at 8,000 stories, and it grew with the pool. The
 * setting is the function's own; nothing else in the transaction is planned differently.
 */
export function nearDuplicateFunctionDdl(t: SearchTables): string[] {
  return [
    // Without this, new band entries wait in the index's pending list, which every lookup scans
    // whole: 14 ms per lookup at ~7,000 stories in the bench, 0.2 ms once they are in the tree.
    // Four entries per story make the direct insert cheap.
    `ALTER INDEX ${t.docs}_simhash_bands_gin SET (fastupdate = off)`,
    `SELECT gin_clean_pending_list('${t.docs}_simhash_bands_gin'::regclass)`,
    `CREATE OR REPLACE FUNCTION ${t.docs}_near_duplicates(bigint, int[], int, int, text)
  RETURNS TABLE (story_id uuid, doc_no bigint, pooled_at timestamptz, origin_code text, simhash text, distance int)
  LANGUAGE sql STABLE SET enable_seqscan = off AS $fn$
WITH candidates AS MATERIALIZED (
  SELECT d.story_id, d.doc_no, d.pooled_at, d.origin_code, d.simhash, d.scope_code
  FROM ${t.docs} d
  WHERE d.simhash_bands && $2
)
SELECT c.story_id, c.doc_no, c.pooled_at, c.origin_code, c.simhash::text,
       bit_count((c.simhash # $1)::bit(64))::int
FROM candidates c
WHERE bit_count((c.simhash # $1)::bit(64)) <= $3
  AND c.scope_code = $5
ORDER BY 6, c.doc_no DESC
LIMIT $4
$fn$`,
  ];
}

export function nearDuplicateFunctionDrop(t: SearchTables): string[] {
  return [`DROP FUNCTION IF EXISTS ${t.docs}_near_duplicates(bigint, int[], int, int, text)`, `ALTER INDEX ${t.docs}_simhash_bands_gin RESET (fastupdate)`];
}

/**
 * Refresh document frequencies from the GIN-indexed tsvectors, in one
 * transaction. Run from a scheduled job (hourly is plenty), not per insert:
 * per-insert upserts would make every story insert lock the rows of its ~500
 * words. Frequencies are counted over every scope in the database (idf is a
 * property of the language more than of one hub's pool).
 */
export function refreshLexiconSql(t: SearchTables): string[] {
  return [
    // Run at REPEATABLE READ (one snapshot): the stories counted and the pending rows cleared are the same set.
    `DELETE FROM ${t.lexiconPending}`,
    `CREATE TEMP TABLE ${t.lexicon}_new ON COMMIT DROP AS
     SELECT word AS term, ndoc AS df FROM ts_stat('SELECT lexemes FROM ${t.docs}')`,
    `DELETE FROM ${t.lexicon}`,
    `INSERT INTO ${t.lexicon} (term, df) SELECT term, df FROM ${t.lexicon}_new`,
  ];
}

/**
 * Adds the stories indexed since the last count to the lexicon, and clears them from the pending
 * list. Run in one REPEATABLE READ transaction: both statements see one snapshot, so a story
 * committed meanwhile waits for the next run rather than being missed or counted twice. Its cost
 * follows the new stories (ts_stat over them, then one upsert per distinct word), where a full
 * recount follows the whole set. A story removed after it was counted keeps adding to its words'
 * frequencies until the next full recount (refreshLexiconSql), which the app runs on an interval:
 * idf moves by a fraction of a percent for that.
 */
export function countPendingLexiconSql(t: SearchTables): string[] {
  return [
    `INSERT INTO ${t.lexicon} AS l (term, df)
     SELECT word, ndoc FROM ts_stat('SELECT d.lexemes FROM ${t.docs} d JOIN ${t.lexiconPending} p ON p.doc_no = d.doc_no')
     ON CONFLICT (term) DO UPDATE SET df = l.df + EXCLUDED.df`,
    `DELETE FROM ${t.lexiconPending}`,
  ];
}

/** The table of stories not yet counted (a later migration adds it to existing sets). */
export function lexiconPendingDdl(t: SearchTables): string[] {
  return [`CREATE TABLE IF NOT EXISTS ${t.lexiconPending} (doc_no bigint PRIMARY KEY)`];
}

export function lexiconPendingDrop(t: SearchTables): string[] {
  return [`DROP TABLE IF EXISTS ${t.lexiconPending}`];
}

/** The hub pool's statements (POOL_SEARCH_TABLES). */
export const POOL_SEARCH_DDL: readonly string[] = searchDdl(POOL_SEARCH_TABLES);
export const POOL_SEARCH_DROP: readonly string[] = searchDrop(POOL_SEARCH_TABLES);
export const POOL_POSTINGS_CLEANUP_DDL: readonly string[] = postingsCleanupDdl(POOL_SEARCH_TABLES);
export const POOL_POSTINGS_CLEANUP_DROP: readonly string[] = postingsCleanupDrop(POOL_SEARCH_TABLES);
export const INSERT_POOL_SEARCH_STORY = insertSearchStorySql(POOL_SEARCH_TABLES);
export const DELETE_POOL_SEARCH_STORY = deleteSearchStorySql(POOL_SEARCH_TABLES);
export const NEAR_DUPLICATE_QUERY = nearDuplicateSql(POOL_SEARCH_TABLES);
export const POOL_NEAR_DUPLICATE_FUNCTION_DDL: readonly string[] = nearDuplicateFunctionDdl(POOL_SEARCH_TABLES);
export const POOL_NEAR_DUPLICATE_FUNCTION_DROP: readonly string[] = nearDuplicateFunctionDrop(POOL_SEARCH_TABLES);
export const REFRESH_POOL_SEARCH_LEXICON: readonly string[] = refreshLexiconSql(POOL_SEARCH_TABLES);
export const COUNT_POOL_SEARCH_PENDING_LEXICON: readonly string[] = countPendingLexiconSql(POOL_SEARCH_TABLES);
export const POOL_LEXICON_PENDING_DDL: readonly string[] = lexiconPendingDdl(POOL_SEARCH_TABLES);
export const POOL_LEXICON_PENDING_DROP: readonly string[] = lexiconPendingDrop(POOL_SEARCH_TABLES);

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
    WHERE t.scope_code = $scope AND t.term = $1
      AND (t.impact, t.doc_no) < ($cursor_score, $cursor_doc_no)
      /* AND t.origin_code = ANY($origin) AND t.category = $category
         AND t.pooled_at >= $from AND t.pooled_at < $to */
    ORDER BY t.impact DESC, t.doc_no DESC
    LIMIT $limit)
  UNION ALL
  (SELECT d.doc_no, 0::bigint
     FROM pool_search_docs d
    WHERE d.lexemes @@ $tsquery::tsquery AND d.scope_code = $scope
      AND NOT EXISTS (SELECT 1 FROM pool_search_terms t WHERE t.doc_no = d.doc_no AND t.term = $1)
      /* AND d.doc_no < $cursor_doc_no when the cursor is already past the salient postings */
    ORDER BY d.doc_no DESC
    LIMIT $limit)
  LIMIT $limit
)
SELECT d.story_id, page.doc_no, page.score /* , s.title, s.body */
FROM page
JOIN pool_search_docs d ON d.doc_no = page.doc_no
/* JOIN pool_stories s ON s.story_id = d.story_id */
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
