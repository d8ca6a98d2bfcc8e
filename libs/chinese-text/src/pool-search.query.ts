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
  const page = words.length === 1
    ? singleWordPage(t, scope, words[0], tsquery, limitParam, request.filters ?? {}, cursor, params)
    : multiWordPage(t, scope, words, tsquery, limitParam, request.filters ?? {}, cursor, params);
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
  rest.push(...filterConditions('d', filters, params, true));
  rest.push(`NOT EXISTS (SELECT 1 FROM ${t.terms} x WHERE x.doc_no = d.doc_no AND x.term = ${term})`);
  // `+ 0` keeps the planner off a backward scan of the doc_no index with the
  // tsquery as a per-row filter: for a word it wrongly guesses to be common,
  // that detoasts every story's tsvector. The GIN bitmap + top-N sort is
  // bounded by the number of matches instead.
  branches.push(`(SELECT d.doc_no, 0::bigint AS score
     FROM ${t.docs} d
    WHERE ${rest.join('\n      AND ')}
    ORDER BY d.doc_no + 0 DESC
    LIMIT ${limit})`);
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
): string {
  const matchConditions = [`d.lexemes @@ ${tsquery}::tsquery`, `d.scope_code = ${scope}`, ...filterConditions('d', filters, params, true)];
  const wordParams = words.map((w) => params.add(w));
  // One LEFT JOIN per word instead of GROUP BY over all their postings: each
  // becomes a hash join against that word's salient list (an index-only
  // range scan), with no aggregation. idf ×100 times impact stays in int4
  // (< 2^31), the sum is an exact bigint, so cursors compare exactly.
  const joins = wordParams
    .map((w, i) => `\n  LEFT JOIN ${t.terms} t${i} ON t${i}.term = ${w} AND t${i}.doc_no = m.doc_no`)
    .join('');
  const score = wordParams
    .map((_, i) => `coalesce(t${i}.impact, 0) * (SELECT idf FROM w WHERE ord = ${i + 1})`)
    .join('\n       + ');
  const cursorCondition = cursor
    ? `\n  WHERE (scored.score, scored.doc_no) < (${params.add(cursor.score)}::bigint, ${params.add(cursor.docNo)}::bigint)`
    : '';
  return `w AS (
  SELECT u.ord,
         round(100 * ln(1 + (greatest(n.docs, coalesce(l.df, 0)) - coalesce(l.df, 0) + 0.5) / (coalesce(l.df, 0) + 0.5)))::int AS idf
  FROM unnest(${params.add(words)}::text[]) WITH ORDINALITY AS u (term, ord)
  -- reltuples is -1 until the table is first analysed; greatest() above keeps idf ≥ 0.
  CROSS JOIN (SELECT greatest(reltuples, 1)::float8 AS docs FROM pg_class
               WHERE oid = '${t.docs}'::regclass) n
  LEFT JOIN ${t.lexicon} l ON l.term = u.term
),
m AS MATERIALIZED (
  SELECT d.doc_no FROM ${t.docs} d
  WHERE ${matchConditions.join('\n    AND ')}
),
scored AS (
  SELECT m.doc_no,
         (${score})::bigint AS score
  FROM m${joins}
),
page AS (
  SELECT scored.doc_no, scored.score FROM scored${cursorCondition}
  ORDER BY scored.score DESC, scored.doc_no DESC
  LIMIT ${limit}
)`;
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
