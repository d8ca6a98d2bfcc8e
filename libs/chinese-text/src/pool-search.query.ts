import { POOL_SEARCH_TABLES, SearchTables } from './pool-search.sql';
import { ChineseSegmenter, quoteLexeme } from './segmenter';

/**
 * Turns a curator's search into parameterised SQL for the schema in
 * pool-search.sql.ts. Pure string building: no database access, so it is
 * unit-testable and usable from any pg/TypeORM runner
 * (`dataSource.query(sql.text, sql.values)`).
 */

export interface PoolSearchFilters {
  /** Hubs (cities) that pool the story; any of them. Only differs from the scope at the province. */
  readonly hubCodes?: readonly string[];
  /** County (origin) codes; any of them. */
  readonly originCodes?: readonly string[];
  readonly category?: string;
  /** Stories carrying all of these tags. */
  readonly tags?: readonly string[];
  /** Inclusive lower bound on pooled_at. */
  readonly pooledFrom?: Date;
  /** Exclusive upper bound on pooled_at. */
  readonly pooledBefore?: Date;
}

/** Position after the last row of the previous page. */
export interface PoolSearchCursor {
  /** Integer score as a decimal string (multi-word scores exceed 2^31). */
  readonly score: string;
  readonly docNo: string;
}

export interface PoolSearchRequest {
  readonly query: string;
  /** The center whose stories are searched (scope_code): the hub of a pool, the province of the index. */
  readonly scope: string;
  /** Which searchable set; the hub pool's tables by default. */
  readonly tables?: SearchTables;
  readonly filters?: PoolSearchFilters;
  readonly cursor?: PoolSearchCursor;
  /** Page size, 1..100; default 20. */
  readonly limit?: number;
  /**
   * Columns of the texts table (pool_stories for a pool) to return alongside story_id (e.g. title, body
   * for highlighting). Identifiers only; they are checked, not quoted.
   */
  readonly storyColumns?: readonly string[];
  /**
   * Share of the stories from which a word takes the common-word plans (COMMON_WORD_SHARE by
   * default). Both plans return the same rows in the same order; tests set 0 or 2 to force one.
   */
  readonly commonWordShare?: number;
}

export interface PoolSearchSql {
  readonly text: string;
  readonly values: unknown[];
  /** Query words after segmentation, for highlighting. */
  readonly words: string[];
  readonly limit: number;
}

/** Extra words add little precision and each one widens the AND plan. */
export const MAX_QUERY_WORDS = 8;
export const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const INTEGER = /^-?\d{1,19}$/;

/** Returns null when the query has no searchable word. */
export function buildPoolSearchQuery(
  request: PoolSearchRequest,
  segmenter: ChineseSegmenter = ChineseSegmenter.shared(),
): PoolSearchSql | null {
  const words = segmenter.queryWords(request.query).slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return null;
  const limit = clampLimit(request.limit);
  const cursor = request.cursor;
  if (cursor && (!INTEGER.test(cursor.score) || !INTEGER.test(cursor.docNo))) {
    throw new RangeError('invalid pool search cursor');
  }
  const columns = (request.storyColumns ?? []).map((c) => {
    if (!IDENTIFIER.test(c)) throw new RangeError(`invalid story column: ${c}`);
    return `, s.${c}`;
  });
  const t = request.tables ?? POOL_SEARCH_TABLES;
  const params = new Params();
  const tsquery = params.add(words.map(quoteLexeme).join(' & '));
  const limitParam = params.add(limit);
  const scope = params.add(request.scope);
  const share = request.commonWordShare ?? COMMON_WORD_SHARE;
  if (!Number.isFinite(share)) throw new RangeError('commonWordShare must be a number');
  const page = words.length === 1
    ? singleWordPage(t, scope, words[0], tsquery, limitParam, request.filters ?? {}, cursor, params, share)
    : multiWordPage(t, scope, words, tsquery, limitParam, request.filters ?? {}, cursor, params, share);
  const join = columns.length > 0 ? `\nJOIN ${t.texts} s ON s.${t.textsKey} = d.story_id` : '';
  const text = `WITH ${page}
SELECT d.story_id, page.doc_no::text AS doc_no, page.score::text AS score${columns.join('')}
FROM page
JOIN ${t.docs} d ON d.doc_no = page.doc_no${join}
ORDER BY page.score DESC, page.doc_no DESC`;
  return { text, values: params.values, words, limit };
}

/** Cursor for the page after `rows` (null when the page was not full). */
export function nextPoolSearchCursor(
  rows: readonly { doc_no: string; score: string }[],
  limit: number,
): PoolSearchCursor | null {
  if (rows.length < limit) return null;
  const last = rows[rows.length - 1];
  return { score: last.score, docNo: last.doc_no };
}

/** Opaque, URL-safe cursor token for API responses. */
export function encodePoolSearchCursor(cursor: PoolSearchCursor): string {
  return Buffer.from(`${cursor.score}.${cursor.docNo}`, 'utf8').toString('base64url');
}

export function decodePoolSearchCursor(token: string): PoolSearchCursor {
  const [score, docNo, extra] = Buffer.from(token, 'base64url').toString('utf8').split('.');
  if (extra !== undefined || !INTEGER.test(score ?? '') || !INTEGER.test(docNo ?? '')) {
    throw new RangeError('invalid pool search cursor');
  }
  return { score, docNo };
}

function singleWordPage(
  t: SearchTables,
  scope: string,
  word: string,
  tsquery: string,
  limit: string,
  filters: PoolSearchFilters,
  cursor: PoolSearchCursor | undefined,
  params: Params,
  share: number,
): string {
  const term = params.add(word);
  const branches: string[] = [];
  // Salient postings have impact > 0; a cursor with score 0 is already past them.
  const inSalientTier = !cursor || BigInt(cursor.score) > 0n;
  if (inSalientTier) {
    const conditions = [`t.scope_code = ${scope}`, `t.term = ${term}`];
    if (cursor) conditions.push(`(t.impact, t.doc_no) < (${params.add(cursor.score)}::int, ${params.add(cursor.docNo)}::bigint)`);
    conditions.push(...filterConditions('t', filters, params, false));
    if (filters.tags && filters.tags.length > 0) {
      // Tags are not copied into the postings; a PK probe per candidate.
      conditions.push(
        `EXISTS (SELECT 1 FROM ${t.docs} td WHERE td.doc_no = t.doc_no AND td.tags @> ${params.add(filters.tags)}::text[])`,
      );
    }
    branches.push(`(SELECT t.doc_no, t.impact::bigint AS score
     FROM ${t.terms} t
    WHERE ${conditions.join('\n      AND ')}
    ORDER BY t.impact DESC, t.doc_no DESC
    LIMIT ${limit})`);
  }
  const rest = [`d.lexemes @@ ${tsquery}::tsquery`, `d.scope_code = ${scope}`];
  if (cursor && !inSalientTier) rest.push(`d.doc_no < ${params.add(cursor.docNo)}::bigint`);
  const filtered = filterConditions('d', filters, params, true);
  rest.push(...filtered);
  // scope_code lets the bitmap plan below make this one hash anti-join against the word's salient
  // postings (a range of the rank index) instead of a primary-key probe per matching story.
  rest.push(`NOT EXISTS (SELECT 1 FROM ${t.terms} x WHERE x.scope_code = ${scope} AND x.term = ${term} AND x.doc_no = d.doc_no)`);
  const where = rest.join('\n      AND ');
  if (filtered.length === 0) {
    // A common word (≥ COMMON_WORD_SHARE of the stories, by the lexicon) is in most of the newest
    // stories, so walking doc_no backwards finds a page after ~limit/share rows; the bitmap plan
    // would first fetch every one of its tens of thousands of matches. For other words the walk
    // could cross the whole pool, so they keep the bitmap. The choice is two branches gated by
    // uncorrelated conditions (one-time filters): only one of them runs. `doc_no + 0` keeps the
    // bitmap branch off the backward index walk, which the planner may otherwise pick for it.
    const common = commonWordCondition(t, term, share);
    branches.push(`(SELECT d.doc_no, 0::bigint AS score
     FROM ${t.docs} d
    WHERE ${where}
      AND ${common}
    ORDER BY d.doc_no DESC
    LIMIT ${limit})`);
    branches.push(`(SELECT d.doc_no, 0::bigint AS score
     FROM ${t.docs} d
    WHERE ${where}
      AND NOT ${common}
    ORDER BY d.doc_no + 0 DESC
    LIMIT ${limit})`);
  } else {
    // With filters the bitmap is ANDed with their indexes, so it stays small whatever the word.
    branches.push(`(SELECT d.doc_no, 0::bigint AS score
     FROM ${t.docs} d
    WHERE ${where}
    ORDER BY d.doc_no + 0 DESC
    LIMIT ${limit})`);
  }
  // UNION ALL under LIMIT runs lazily: the GIN branch only runs when the
  // salient postings cannot fill the page.
  return `page AS (
  SELECT * FROM (
  ${branches.join('\n  UNION ALL\n  ')}
  ) AS tiers
  LIMIT ${limit}
)`;
}

function multiWordPage(
  t: SearchTables,
  scope: string,
  words: readonly string[],
  tsquery: string,
  limit: string,
  filters: PoolSearchFilters,
  cursor: PoolSearchCursor | undefined,
  params: Params,
  share: number,
): string {
  const docFilters = filterConditions('d', filters, params, true);
  const termFilters = filterConditions('t', filters, params, false);
  const wordsParam = params.add(words);
  const wordParams = words.map((w) => params.add(w));
  const cursorScore = cursor ? params.add(cursor.score) : undefined;
  const cursorDoc = cursor ? params.add(cursor.docNo) : undefined;
  const afterCursor = (score: string, docNo: string) => (cursor ? `(${score}, ${docNo}) < (${cursorScore}::bigint, ${cursorDoc}::bigint)` : 'true');
  const inScoredTier = !cursor || BigInt(cursor.score) > 0n;
  const allCommon = `(SELECT min(coalesce(l.df, 0)) FROM unnest(${wordsParam}::text[]) AS u (term) LEFT JOIN ${t.lexicon} l ON l.term = u.term)
          >= ${share} * (SELECT n.docs FROM n)`;

  // Plan A, every word common. The match set is then tens of thousands of stories, and fetching
  // it is the cost. But a story's score comes from its salient postings alone, so the scored
  // stories are the union of the words' salient lists (index-only ranges): they are scored,
  // sorted, and checked for the words they are not salient for only as the page consumes them
  // (a story salient for every word needs no check). Stories with no salient posting for any
  // word score 0 and come after, newest first, as in a single-word search.
  const tagCheck = filters.tags && filters.tags.length > 0 ? ` AND d.tags @> ${params.add(filters.tags)}::text[]` : '';
  const needsCheck = tagCheck ? 'true' : `c.salient_words < ${words.length}`;
  const branchA: string[] = [];
  if (inScoredTier) {
    // The sorted candidates sit behind OFFSET 0 so that the containment check is not pushed below
    // the sort: it runs per candidate, in score order, only until the page is full. It is a scalar
    // subquery so that the planner cannot turn it into a hashed subplan over every match.
    branchA.push(`(SELECT c.doc_no, c.score FROM (
       SELECT t.doc_no, sum(t.impact * w.idf)::bigint AS score, count(*) AS salient_words
         FROM w JOIN ${t.terms} t ON t.scope_code = ${scope} AND t.term = w.term${termFilters.map((f) => `\n          AND ${f}`).join('')}
        GROUP BY t.doc_no
       HAVING ${afterCursor('sum(t.impact * w.idf)::bigint', 't.doc_no')}
        ORDER BY score DESC, t.doc_no DESC
       OFFSET 0) c
     WHERE ${allCommon}
       AND (NOT (${needsCheck})
            OR coalesce((SELECT d.lexemes @@ ${tsquery}::tsquery${tagCheck} FROM ${t.docs} d WHERE d.doc_no = c.doc_no), false))
     LIMIT ${limit})`);
  }
  const tail = [`d.lexemes @@ ${tsquery}::tsquery`, `d.scope_code = ${scope}`, ...docFilters];
  if (cursor && !inScoredTier) tail.push(`d.doc_no < ${cursorDoc}::bigint`);
  tail.push(`NOT EXISTS (SELECT 1 FROM ${t.terms} x WHERE x.scope_code = ${scope} AND x.term = ANY(${wordsParam}::text[]) AND x.doc_no = d.doc_no)`);
  branchA.push(`(SELECT d.doc_no, 0::bigint AS score FROM ${t.docs} d
     WHERE ${allCommon}
       AND ${tail.join('\n       AND ')}
     ORDER BY d.doc_no + 0 DESC
     LIMIT ${limit})`);

  // Plan B, some word not common: the stories containing every word are few (at most that word's),
  // so take them all from the GIN index (with the filters as a BitmapAnd) and score each with one
  // LEFT JOIN per word, a hash join against that word's salient list.
  const joins = wordParams
    .map((w, i) => `\n         LEFT JOIN ${t.terms} t${i} ON t${i}.scope_code = ${scope} AND t${i}.term = ${w} AND t${i}.doc_no = m.doc_no`)
    .join('');
  const score = wordParams.map((_, i) => `coalesce(t${i}.impact, 0) * (SELECT idf FROM w WHERE ord = ${i + 1})`).join('\n              + ');
  const branchB = `(SELECT scored.doc_no, scored.score FROM (
       SELECT m.doc_no, (${score})::bigint AS score
         FROM m${joins}) scored
     WHERE NOT ${allCommon}
       AND ${afterCursor('scored.score', 'scored.doc_no')}
     ORDER BY scored.score DESC, scored.doc_no DESC
     LIMIT ${limit})`;

  // idf is at least 1 so that every salient posting scores above the 0 of the unscored tail: the
  // two plans then share one total order (score, doc_no), and a cursor from one pages the other.
  return `n AS (
  SELECT (${storyCountSql(t)}) AS docs
),
w AS (
  SELECT u.term, u.ord,
         greatest(1, round(100 * ln(1 + (greatest(n.docs, coalesce(l.df, 0)) - coalesce(l.df, 0) + 0.5) / (coalesce(l.df, 0) + 0.5))))::int AS idf
  FROM unnest(${wordsParam}::text[]) WITH ORDINALITY AS u (term, ord)
  CROSS JOIN n
  LEFT JOIN ${t.lexicon} l ON l.term = u.term
),
m AS MATERIALIZED (
  SELECT d.doc_no FROM ${t.docs} d
  WHERE ${[`d.lexemes @@ ${tsquery}::tsquery`, `d.scope_code = ${scope}`, ...docFilters].join('\n    AND ')}
),
page AS (
  -- Plan A or plan B, chosen once by the one-time condition on the lexicon; the other never runs.
  SELECT * FROM (
  ${[...branchA, branchB].join('\n  UNION ALL\n  ')}
  ) AS tiers
  LIMIT ${limit}
)`;
}

/** Share of the stories above which a word counts as common for the tail page's plan. */
export const COMMON_WORD_SHARE = 0.05;

/**
 * True when the lexicon says the word is in at least COMMON_WORD_SHARE of the stories. Uncorrelated,
 * so PostgreSQL evaluates it once, before either branch runs. A word missing from the lexicon (new
 * since its refresh) counts as rare, which is the safe plan for it.
 */
function commonWordCondition(t: SearchTables, term: string, share: number): string {
  return `coalesce((SELECT l.df FROM ${t.lexicon} l WHERE l.term = ${term}), 0)
          >= ${share} * (${storyCountSql(t)})`;
}

/** How many stories the set holds, by the planner's count (no scan); at least 1, since reltuples is -1 until the first ANALYZE. */
function storyCountSql(t: SearchTables): string {
  return `SELECT greatest(reltuples, 1)::float8 FROM pg_class WHERE oid = '${t.docs}'::regclass`;
}

function filterConditions(alias: 't' | 'd', filters: PoolSearchFilters, params: Params, withTags: boolean): string[] {
  const out: string[] = [];
  if (filters.hubCodes && filters.hubCodes.length > 0) {
    out.push(`${alias}.hub_code = ANY(${params.add(filters.hubCodes)}::text[])`);
  }
  if (filters.originCodes && filters.originCodes.length > 0) {
    out.push(
      filters.originCodes.length === 1
        ? `${alias}.origin_code = ${params.add(filters.originCodes[0])}`
        : `${alias}.origin_code = ANY(${params.add(filters.originCodes)}::text[])`,
    );
  }
  if (filters.category !== undefined) out.push(`${alias}.category = ${params.add(filters.category)}`);
  if (filters.pooledFrom) out.push(`${alias}.pooled_at >= ${params.add(filters.pooledFrom)}::timestamptz`);
  if (filters.pooledBefore) out.push(`${alias}.pooled_at < ${params.add(filters.pooledBefore)}::timestamptz`);
  if (withTags && filters.tags && filters.tags.length > 0) {
    out.push(`${alias}.tags @> ${params.add(filters.tags)}::text[]`);
  }
  return out;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
  return Math.min(limit, MAX_PAGE_SIZE);
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
