/**
 * Schema and statements for Chinese full-text search over a set of stories: the city hub's story
 * pool (大稿库), and the province's index of every pool. docs/search-design.md has the why and
 * the measurements.
 *
 * Every statement is generated for one `SearchTables`, so two searchable sets can live in one
 * database (the province hosts its own pool and the index of its cities' pools side by side).
 *
 * - <prefix>_docs: one row per story. Filter columns, `lexemes` (the story's distinct
 *   pre-segmented words; GIN), `ranking` (the words that can rank it, weighted by field, with
 *   positions; kept in the row), and the SimHash with its band keys. Inserting a story costs this
 *   row, its index entries and its four band rows, nothing else: a match is ranked by `ts_rank`
 *   of its `ranking` (story-tsvector.ts).
 * - <prefix>_bands: one narrow row per band key (simhashBandsDdl); near-duplicate candidates by
 *   equality on an index that carries the SimHash, so the distance is checked without a docs row.
 * - <prefix>_top / <prefix>_top_terms: for each word common enough that ranking all its matches
 *   would be slow, the best-scored stories up to a watermark (`upto_doc_no`), kept by a periodic
 *   job off the write path (refreshTopListsSql). Stories pooled after the watermark are scored
 *   live, so a list never hides a new story; the list only saves ranking the old ones again.
 *
 * `scope_code` is the center whose search a row belongs to (the hub for a pool, the province for
 * the index): apps are multi-tenant, and every search and duplicate check names its scope.
 * `hub_code` is the hub that pools the story (the city filter of the province's search).
 */

export interface SearchTables {
  /** Prefix of the tables and their indexes, e.g. `pool_search`. */
  readonly prefix: string;
  readonly docs: string;
  /** Best stories per common word (the job's output). */
  readonly top: string;
  /** Which words have a list, up to which doc_no, and how many stories contain them. */
  readonly topTerms: string;
  /** Table holding `title` and `body` of the stories, keyed by story id. */
  readonly texts: string;
  /** Its key column (uuid), referenced by <prefix>_docs.story_id. */
  readonly textsKey: string;
  /** One narrow row per SimHash band of a story: what the near-duplicate lookup reads. */
  readonly bands: string;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export function searchTables(prefix: string, texts: string, textsKey: string): SearchTables {
  for (const name of [prefix, texts, textsKey]) {
    if (!IDENTIFIER.test(name)) throw new RangeError(`invalid SQL identifier for search tables: ${name}`);
  }
  return { prefix, docs: `${prefix}_docs`, top: `${prefix}_top`, topTerms: `${prefix}_top_terms`, texts, textsKey, bands: `${prefix}_bands` };
}

/** The hub's pool: stories live in pool_stories (story_id). */
export const POOL_SEARCH_TABLES = searchTables('pool_search', 'pool_stories', 'story_id');

/**
 * ts_rank's weights for D, C, B, A (body, -, summary and tags, title): one title occurrence
 * outweighs any number of body mentions (ts_rank saturates a word's repeats at π²/6 times its
 * best weight).
 */
export const RANK_WEIGHTS = '{0.1,0.2,0.4,1.0}';
/** Integer scores (keyset cursors compare exactly): ts_rank × this. */
export const RANK_SCALE = 1_000_000;

/**
 * A story's score for one word, as an integer: ts_rank of its ranking vector, scaled; 0 when the
 * word is not among its ranking words. Multi-word scores are the sum of the words' scores, so a
 * stored list score and a live one are the same number.
 */
export function wordScoreSql(ranking: string, tsquery: string): string {
  return `(ts_rank('${RANK_WEIGHTS}'::float4[], ${ranking}, ${tsquery}) * ${RANK_SCALE})::bigint`;
}

/** Stories in a top list per common word; deeper pages continue newest first. */
export const TOP_LIST_SIZE = 500;
/**
 * A word gets a list once PostgreSQL's statistics estimate it in this many stories of the set.
 * Below it, a search ranks every match live: a row read and a ts_rank of the in-row vector each.
 */
export const TOP_LIST_MIN_STORIES = 5000;
/** …or this share of the set, if less: in a small set a word in a few percent of it is common. */
export const TOP_LIST_MIN_SHARE = 0.02;
/**
 * …but never fewer than this many stories. Ranking a word's matches live reads a row and ranks its
 * in-row vector each, about a millisecond per thousand; a list of 500 for a word in 30 stories saves
 * nothing, and building lists for every such word of a young set (at 2% of 500 stories, nearly every
 * word) cost a new hub or province a pass over every ranking vector per batch of new words while it
 * was taking its first stories.
 */
export const TOP_LIST_MIN_MATCHES = 2 * TOP_LIST_SIZE;

/**
 * The migration from the postings design (pool-search.legacy-ddl.ts) to this one, for a set whose
 * docs table exists. Existing entries are deleted: the apps re-index them at boot with weights and
 * positions (StorySearchIndex.backfill).
 */
export function rankedSearchDdl(t: SearchTables): string[] {
  return [
    `DROP TRIGGER IF EXISTS ${t.prefix}_terms_drop_postings ON ${t.docs}`,
    `DROP FUNCTION IF EXISTS ${t.prefix}_terms_drop_postings()`,
    `DROP TABLE IF EXISTS ${t.prefix}_terms`,
    `DROP TABLE IF EXISTS ${t.prefix}_lexicon`,
    `DROP TABLE IF EXISTS ${t.prefix}_lexicon_pending`,
    `DELETE FROM ${t.docs}`,
    `ALTER TABLE ${t.docs} DROP COLUMN word_count`,
    `ALTER TABLE ${t.docs} ADD COLUMN ranking tsvector NOT NULL`,
    // Compressed in the row rather than moved out to TOAST: ranking a match must not cost a read.
    `ALTER TABLE ${t.docs} ALTER COLUMN ranking SET STORAGE MAIN`,
    // PostgreSQL's own statistics are the lexicon now: ANALYZE keeps the most common lexemes with
    // their frequencies (pg_stats.most_common_elems); 1000 keeps up to 10,000 of them.
    `ALTER TABLE ${t.docs} ALTER COLUMN lexemes SET STATISTICS 1000`,
    `CREATE TABLE ${t.topTerms} (
    scope_code  text NOT NULL,
    term        text NOT NULL,
    upto_doc_no bigint NOT NULL,
    matches     integer NOT NULL,
    entries     integer NOT NULL,
    cutoff      bigint NOT NULL,
    PRIMARY KEY (scope_code, term)
  )`,
    `CREATE TABLE ${t.top} (
    scope_code  text NOT NULL,
    term        text NOT NULL,
    doc_no      bigint NOT NULL,
    score       bigint NOT NULL,
    hub_code    text NOT NULL,
    origin_code text,
    category    text,
    pooled_at   timestamptz NOT NULL,
    PRIMARY KEY (scope_code, term, doc_no)
  )`,
    `CREATE INDEX ${t.top}_rank ON ${t.top} (scope_code, term, score DESC, doc_no DESC)
    INCLUDE (hub_code, origin_code, category, pooled_at)`,
    `ALTER TABLE ${t.top} SET (parallel_workers = 0)`,
  ];
}

/** Back to the postings design's tables (empty; the old code's boot backfill re-indexes). */
export function rankedSearchDrop(t: SearchTables): string[] {
  return [
    `DROP TABLE IF EXISTS ${t.top}`,
    `DROP TABLE IF EXISTS ${t.topTerms}`,
    `ALTER TABLE ${t.docs} ALTER COLUMN lexemes SET STATISTICS -1`,
    `DELETE FROM ${t.docs}`,
    `ALTER TABLE ${t.docs} DROP COLUMN ranking`,
    `ALTER TABLE ${t.docs} ADD COLUMN word_count integer NOT NULL DEFAULT 0`,
    `CREATE TABLE ${t.prefix}_terms (
    scope_code  text NOT NULL,
    term        text NOT NULL,
    impact      smallint NOT NULL,
    doc_no      bigint NOT NULL,
    hub_code    text NOT NULL,
    origin_code text,
    category    text,
    pooled_at   timestamptz NOT NULL,
    PRIMARY KEY (doc_no, term)
  )`,
    `CREATE INDEX ${t.prefix}_terms_rank ON ${t.prefix}_terms (scope_code, term, impact DESC, doc_no DESC)
    INCLUDE (hub_code, origin_code, category, pooled_at)`,
    `ALTER TABLE ${t.prefix}_terms SET (parallel_workers = 0)`,
    `ALTER TABLE ${t.prefix}_terms ALTER COLUMN term SET STATISTICS 1000`,
    `CREATE TABLE ${t.prefix}_lexicon (term text PRIMARY KEY, df integer NOT NULL)`,
    `CREATE TABLE ${t.prefix}_lexicon_pending (doc_no bigint PRIMARY KEY)`,
    `CREATE OR REPLACE FUNCTION ${t.prefix}_terms_drop_postings() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       DELETE FROM ${t.prefix}_terms WHERE doc_no = OLD.doc_no;
       RETURN NULL;
     END $$`,
    `CREATE TRIGGER ${t.prefix}_terms_drop_postings AFTER DELETE ON ${t.docs}
     FOR EACH ROW EXECUTE FUNCTION ${t.prefix}_terms_drop_postings()`,
  ];
}

/**
 * Index a batch of stories in one statement (each array holds one element per story, same order).
 * Run deleteSearchStoriesSql for the same ids first: an edited story gets a new doc_no (it counts
 * as newest among equal scores) and leaves its old list entries behind (they join nothing).
 *
 * $1 story_id uuid[], $2 scope_code text[], $3 hub_code text[], $4 origin_code text[],
 * $5 category text[], $6 tags (one array literal per story) text[], $7 pooled_at timestamptz[],
 * $8 lexemes text[], $9 ranking text[] (storyVectors), $10 simhash (simhashToPg) bigint[],
 * $11 simhash bands (array literal per story, simhashBands) text[].
 */
export function insertSearchStoriesSql(t: SearchTables): string {
  return `INSERT INTO ${t.docs} (story_id, scope_code, hub_code, origin_code, category, tags, pooled_at, lexemes, ranking, simhash, simhash_bands)
SELECT u.story_id, u.scope_code, u.hub_code, u.origin_code, u.category, u.tags::text[], u.pooled_at, u.lexemes::tsvector, u.ranking::tsvector, u.simhash, u.bands::int[]
FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[], $8::text[], $9::text[], $10::bigint[], $11::text[])
  AS u (story_id, scope_code, hub_code, origin_code, category, tags, pooled_at, lexemes, ranking, simhash, bands)`;
}

/**
 * The same insert, with the stories' band rows (simhashBandsDdl) in the same statement: what the
 * apps write once the band table exists. Same parameters as insertSearchStoriesSql.
 */
export function insertSearchStoriesWithBandsSql(t: SearchTables): string {
  return `WITH d AS (
${insertSearchStoriesSql(t)}
RETURNING story_id, scope_code, simhash, simhash_bands
)
INSERT INTO ${t.bands} (band_key, scope_code, simhash, story_id)
SELECT k.band_key, d.scope_code, d.simhash, d.story_id FROM d CROSS JOIN LATERAL unnest(d.simhash_bands) AS k(band_key)`;
}

/**
 * The SimHash bands in a narrow table of their own, read by an index-only scan that carries the
 * SimHash, instead of a GIN over the docs' band arrays whose every candidate was a read of a wide
 * docs row (ranking vectors in-row). Stories alike enough to share a band are many in a real pool
 * of one region's news (and in the bench's, drawn from one newspaper page): at 15,000 stories a
 * probe had ~1,100 candidates, and the lookup was most of a hub's catch-up. Backfills the band rows
 * of the stories already indexed, drops the GIN, and rewrites the lookup function.
 */
export function simhashBandsDdl(t: SearchTables): string[] {
  return [
    `CREATE TABLE ${t.bands} (
    band_key   int NOT NULL,
    scope_code text NOT NULL,
    simhash    bigint NOT NULL,
    story_id   uuid NOT NULL REFERENCES ${t.docs} (story_id) ON DELETE CASCADE
  )`,
    `INSERT INTO ${t.bands} (band_key, scope_code, simhash, story_id)
  SELECT k.band_key, d.scope_code, d.simhash, d.story_id FROM ${t.docs} d CROSS JOIN LATERAL unnest(d.simhash_bands) AS k(band_key)`,
    `CREATE INDEX ${t.bands}_key ON ${t.bands} (band_key, scope_code) INCLUDE (simhash, story_id)`,
    // The cascade from a withdrawn story finds its rows by this one.
    `CREATE INDEX ${t.bands}_story ON ${t.bands} (story_id)`,
    `DROP INDEX IF EXISTS ${t.docs}_simhash_bands_gin`,
    `CREATE OR REPLACE FUNCTION ${t.docs}_near_duplicates(bigint, int[], int, int, text)
  RETURNS TABLE (story_id uuid, doc_no bigint, pooled_at timestamptz, origin_code text, simhash text, distance int)
  LANGUAGE sql STABLE AS $fn$
WITH near AS (
  SELECT DISTINCT b.story_id, bit_count((b.simhash # $1)::bit(64))::int AS distance
  FROM unnest($2) AS k(band_key)
  JOIN ${t.bands} b ON b.band_key = k.band_key AND b.scope_code = $5
  WHERE bit_count((b.simhash # $1)::bit(64)) <= $3
)
SELECT d.story_id, d.doc_no, d.pooled_at, d.origin_code, d.simhash::text, n.distance
FROM near n JOIN ${t.docs} d ON d.story_id = n.story_id
ORDER BY n.distance, d.doc_no DESC
LIMIT $4
$fn$`,
  ];
}

export function simhashBandsDrop(t: SearchTables): string[] {
  return [
    `CREATE INDEX IF NOT EXISTS ${t.docs}_simhash_bands_gin ON ${t.docs} USING gin (simhash_bands) WITH (fastupdate = off)`,
    ...nearDuplicateFunctionDdl(t).filter((stmt) => stmt.includes('CREATE OR REPLACE FUNCTION')),
    `DROP TABLE IF EXISTS ${t.bands}`,
  ];
}

/** Withdrawal (or before re-indexing edited stories). $1 story_id uuid[]. */
export function deleteSearchStoriesSql(t: SearchTables): string {
  return `DELETE FROM ${t.docs} WHERE story_id = ANY($1::uuid[])`;
}

/**
 * Near-duplicate check for one new story. $1 simhash (signed bigint),
 * $2 probe keys (simhashProbeKeys), $3 max distance
 * (NEAR_DUPLICATE_MAX_DISTANCE), $4 max rows, $5 scope_code. The probe keys
 * are looked up in the band table (simhashBandsDdl) and the distance checked
 * exactly on its index; only the matches read their docs row.
 */
export function nearDuplicateSql(t: SearchTables): string {
  return `SELECT * FROM ${t.docs}_near_duplicates($1::bigint, $2::int[], $3::int, $4::int, $5::text)`;
}

/**
 * The same check for a batch of stories in one statement (a hub's consumer batch): $1 SimHashes,
 * $2 their probe keys (comma-joined: an array of arrays would unnest flat), $3 scopes, $4 max
 * distance, $5 max rows per story; `i` numbers the story from 1.
 */
export function nearDuplicateBatchSql(t: SearchTables): string {
  return `SELECT q.i::int AS i, n.*
  FROM unnest($1::bigint[], $2::text[], $3::text[]) WITH ORDINALITY AS q(simhash, probe, scope_code, i)
 CROSS JOIN LATERAL ${t.docs}_near_duplicates(q.simhash, string_to_array(q.probe, ',')::int[], $4::int, $5::int, q.scope_code) n`;
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
 * A story's ranking vector decompressed once, for scoring it against many words. The vector is kept
 * compressed in the row, and each ts_rank of a column value decompresses it again: 450,000
 * (story, word) pairs of 2,000 stories took 2.3 s that way and 0.6 s with each vector decompressed
 * once (both by hash join). `|| ''` makes a plain copy; OFFSET 0 keeps the planner from
 * folding it back into every use. Join it by hash, never carry it through a sort
 * (HASH_JOINS_ONLY).
 */
function plainRanking(docs: string): string {
  return `(SELECT ${docs}.ranking || ''::tsvector AS ranking OFFSET 0)`;
}

/**
 * Around the statements that score stories for lists (build and extend), in the refresh's
 * transaction. The one good plan scores a story only for the listed words it contains: its words
 * hash-joined to the lists. Without these the planner, trusting a young list table's statistics
 * (3 rows for 958), paired every new story with every list and ranked each pair before matching
 * the word (18-26 s for 2,000 stories instead of 0.5-0.6 s); and a merge join would sort every
 * (story, word) pair with the story's whole vector in it. The other statements (the trim walks
 * the rank index per list) keep the planner's defaults.
 */
export const HASH_JOINS_ONLY: readonly string[] = ['SET LOCAL enable_mergejoin = off', 'SET LOCAL enable_nestloop = off'];
export const PLANNER_DEFAULTS: readonly string[] = ['RESET enable_mergejoin', 'RESET enable_nestloop'];

/**
 * Words PostgreSQL's statistics estimate in at least $1 stories, or $2 of the stories, of the set,
 * and in no fewer than $3 (most_common_elems of the lexemes column, kept by ANALYZE/autovacuum).
 * Returns (term, stories).
 * Empty before the first ANALYZE.
 */
export function commonWordsSql(t: SearchTables): string {
  return `SELECT e.term, round(e.freq * c.n)::int AS stories
FROM pg_stats s
CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e (term, freq)
CROSS JOIN (SELECT greatest(reltuples, 0) AS n FROM pg_class WHERE oid = '${t.docs}'::regclass) c
WHERE s.schemaname = current_schema() AND s.tablename = '${t.docs}' AND s.attname = 'lexemes'
  AND e.term IS NOT NULL AND e.freq * c.n >= greatest(least($1::float8, $2::float8 * c.n), $3::float8)`;
}

/**
 * Builds the lists of new words in one scope from every story up to the watermark, in one pass
 * over the stories' ranking vectors (a story scores 0 for a word outside them, so only those can
 * enter a list): the best $5 stories per word. $1 scope, $2 terms text[], $3 their estimated
 * story counts int[], $4 watermark doc_no, $5 list size.
 */
export function buildTopListsSql(t: SearchTables): string {
  return `WITH scored AS (
  SELECT w.term, d.doc_no, ${wordScoreSql('v.ranking', 'quote_literal(w.term)::tsquery')} AS score,
         d.hub_code, d.origin_code, d.category, d.pooled_at
  FROM ${t.docs} d
  CROSS JOIN LATERAL ${plainRanking('d')} AS v
  CROSS JOIN LATERAL unnest(tsvector_to_array(v.ranking)) AS w (term)
  JOIN unnest($2::text[]) AS listed (term) ON listed.term = w.term
  WHERE d.scope_code = $1 AND d.doc_no <= $4
),
best AS (
  SELECT * FROM (SELECT s.*, row_number() OVER (PARTITION BY s.term ORDER BY s.score DESC, s.doc_no DESC) AS n FROM scored s) r
  WHERE r.n <= $5
),
listed AS (
  INSERT INTO ${t.top} (scope_code, term, doc_no, score, hub_code, origin_code, category, pooled_at)
  SELECT $1, term, doc_no, score, hub_code, origin_code, category, pooled_at FROM best
)
INSERT INTO ${t.topTerms} (scope_code, term, upto_doc_no, matches, entries, cutoff)
SELECT $1, u.term, $4, u.stories, coalesce(b.entries, 0), CASE WHEN b.entries >= $5 THEN b.cutoff ELSE 0 END
FROM unnest($2::text[], $3::int[]) AS u (term, stories)
LEFT JOIN (SELECT term, count(*) AS entries, min(score) AS cutoff FROM best GROUP BY term) b USING (term)`;
}

/**
 * Brings every list of a scope up to the watermark: each story pooled since a list's watermark is
 * scored for the listed words of its ranking vector (one pass over the new stories), and
 * enters the list when it scores above the list's cutoff (its last entry's score, once full). Lists
 * grown past a quarter over size are trimmed back and their cutoff raised.
 *
 * A new story that only ties the cutoff stays out: it would rank just above the list's older
 * entries of that score (ties go newest first) and push one of them out, and scores are few
 * distinct values, so in a busy set most new matches of a common word tie it: the province wrote
 * 2.8 times the rows (356,000 against 128,000 over 9,200 stories) to shuffle its lists' last places.
 * Left out, such a story heads the unscored tail, right after the ranked ones.
 * Each statement names its parameters (scope, upto: the watermark doc_no, size: the list size).
 */
export function extendTopListsSql(t: SearchTables): TopListStatement[] {
  return [
    named(`DROP TABLE IF EXISTS pg_temp.${t.prefix}_fresh`),
    named(
      `CREATE TEMP TABLE ${t.prefix}_fresh (term text, doc_no bigint, score bigint, cutoff bigint, hub_code text, origin_code text, category text, pooled_at timestamptz)`,
    ),
    ...HASH_JOINS_ONLY.map(named),
    // Only a word's best {size} new entries can be in its list after the trim: the rest are not
    // written (a burst of stories that all tie a saturated word's cutoff would otherwise enter and
    // leave the list one row each).
    named(`INSERT INTO ${t.prefix}_fresh
SELECT term, doc_no, score, cutoff, hub_code, origin_code, category, pooled_at
FROM (
  SELECT s.*, row_number() OVER (PARTITION BY s.term ORDER BY s.score DESC, s.doc_no DESC) AS n
  FROM (
    SELECT tt.term, f.doc_no, ${wordScoreSql('v.ranking', 'quote_literal(tt.term)::tsquery')} AS score, tt.cutoff,
           f.hub_code, f.origin_code, f.category, f.pooled_at
    FROM ${t.docs} f
    CROSS JOIN LATERAL ${plainRanking('f')} AS v
    CROSS JOIN LATERAL unnest(tsvector_to_array(v.ranking)) AS w (term)
    JOIN ${t.topTerms} tt ON tt.scope_code = {scope} AND tt.term = w.term AND f.doc_no > tt.upto_doc_no
    WHERE f.scope_code = {scope} AND f.doc_no > (SELECT coalesce(min(upto_doc_no), {upto}) FROM ${t.topTerms} WHERE scope_code = {scope}) AND f.doc_no <= {upto}
  ) s
  WHERE s.score > s.cutoff
) r
WHERE r.n <= {size}`),
    ...PLANNER_DEFAULTS.map(named),
    named(`INSERT INTO ${t.top} (scope_code, term, doc_no, score, hub_code, origin_code, category, pooled_at)
SELECT {scope}, term, doc_no, score, hub_code, origin_code, category, pooled_at FROM ${t.prefix}_fresh WHERE score > cutoff
ON CONFLICT DO NOTHING`),
    named(`UPDATE ${t.topTerms} tt SET entries = tt.entries + c.entries
FROM (SELECT term, count(*) AS entries FROM ${t.prefix}_fresh WHERE score > cutoff GROUP BY term) c
WHERE tt.scope_code = {scope} AND tt.term = c.term`),
    named(`UPDATE ${t.topTerms} SET upto_doc_no = {upto} WHERE scope_code = {scope} AND upto_doc_no < {upto}`),
    // A list over size is cut at its {size}th entry, found on the rank index, not by ranking the list.
    named(`WITH over AS (
  SELECT term FROM ${t.topTerms} WHERE scope_code = {scope} AND entries > {size} + {size} / 4
),
k AS (
  SELECT o.term, last.score, last.doc_no
  FROM over o
  CROSS JOIN LATERAL (
    SELECT x.score, x.doc_no FROM ${t.top} x
    WHERE x.scope_code = {scope} AND x.term = o.term
    ORDER BY x.score DESC, x.doc_no DESC
    OFFSET {size} - 1 LIMIT 1
  ) last
),
gone AS (
  DELETE FROM ${t.top} x USING k
  WHERE x.scope_code = {scope} AND x.term = k.term AND (x.score, x.doc_no) < (k.score, k.doc_no)
)
UPDATE ${t.topTerms} tt SET entries = {size}, cutoff = k.score
FROM k WHERE tt.scope_code = {scope} AND tt.term = k.term`),
    named(`DROP TABLE ${t.prefix}_fresh`),
  ];
}

export interface TopListStatement {
  readonly text: string;
  /** What each $n is, in order. */
  readonly params: ReadonlyArray<'scope' | 'upto' | 'size'>;
}

/** `{name}` placeholders to $n, numbered by first appearance. */
function named(text: string): TopListStatement {
  const params: Array<'scope' | 'upto' | 'size'> = [];
  const out = text.replace(/\{(scope|upto|size)\}/g, (_, name: 'scope' | 'upto' | 'size') => {
    let i = params.indexOf(name);
    if (i < 0) i = params.push(name) - 1;
    return `$${i + 1}`;
  });
  return { text: out, params };
}

/** The scopes of a set, their newest doc_no (the watermark a refresh brings lists up to) and their story counts. */
export function scopeWatermarksSql(t: SearchTables): string {
  return `SELECT scope_code, max(doc_no)::text AS upto, count(*)::int AS stories FROM ${t.docs} GROUP BY scope_code`;
}

/** Forgets every list (a full rebuild follows on the next refresh). */
export function clearTopListsSql(t: SearchTables): string[] {
  return [`DELETE FROM ${t.top}`, `DELETE FROM ${t.topTerms}`];
}

/** The hub pool's statements (POOL_SEARCH_TABLES). */
export const INSERT_POOL_SEARCH_STORIES = insertSearchStoriesSql(POOL_SEARCH_TABLES);
export const POOL_SIMHASH_BANDS_DDL: readonly string[] = simhashBandsDdl(POOL_SEARCH_TABLES);
export const POOL_SIMHASH_BANDS_DROP: readonly string[] = simhashBandsDrop(POOL_SEARCH_TABLES);
export const DELETE_POOL_SEARCH_STORIES = deleteSearchStoriesSql(POOL_SEARCH_TABLES);
export const NEAR_DUPLICATE_QUERY = nearDuplicateSql(POOL_SEARCH_TABLES);
export const POOL_NEAR_DUPLICATE_FUNCTION_DDL: readonly string[] = nearDuplicateFunctionDdl(POOL_SEARCH_TABLES);
export const POOL_NEAR_DUPLICATE_FUNCTION_DROP: readonly string[] = nearDuplicateFunctionDrop(POOL_SEARCH_TABLES);
export const POOL_RANKED_SEARCH_DDL: readonly string[] = rankedSearchDdl(POOL_SEARCH_TABLES);
export const POOL_RANKED_SEARCH_DROP: readonly string[] = rankedSearchDrop(POOL_SEARCH_TABLES);
