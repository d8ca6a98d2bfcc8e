import { POOL_SEARCH_TABLES, SearchTables, wordScoreSql } from './pool-search.sql';
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
   * Share of the stories from which the unscored tail of a listed word is read by walking doc_no
   * backwards rather than through the GIN bitmap (COMMON_WORD_SHARE by default). Both return the
   * same rows in the same order; tests set 0 or 2 to force one.
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
export function buildPoolSearchQuery(request: PoolSearchRequest, segmenter: ChineseSegmenter = ChineseSegmenter.shared()): PoolSearchSql | null {
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
  const page = rankedPage(t, { scope, words, tsquery, limit: limitParam, filters: request.filters ?? {}, cursor, share }, params);
  const join = columns.length > 0 ? `\nJOIN ${t.texts} s ON s.${t.textsKey} = d.story_id` : '';
  const text = `WITH ${page}
SELECT d.story_id, page.doc_no::text AS doc_no, page.score::text AS score${columns.join('')}
FROM page
JOIN ${t.docs} d ON d.doc_no = page.doc_no${join}
ORDER BY page.score DESC, page.doc_no DESC`;
  return { text, values: params.values, words, limit };
}

/** Cursor for the page after `rows` (null when the page was not full). */
export function nextPoolSearchCursor(rows: readonly { doc_no: string; score: string }[], limit: number): PoolSearchCursor | null {
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

interface PageInput {
  readonly scope: string;
  readonly words: readonly string[];
  readonly tsquery: string;
  readonly limit: string;
  readonly filters: PoolSearchFilters;
  readonly cursor: PoolSearchCursor | undefined;
  readonly share: number;
}

/**
 * One page in two tiers under one LIMIT (UNION ALL runs lazily: the unscored tier only runs when
 * the scored one cannot fill the page). Which plan runs depends on whether every query word has a
 * top list (<prefix>_top_terms), an uncorrelated condition PostgreSQL evaluates once:
 *
 * - listed: scored, the stories of the words' lists up to the lists' watermark, merged with the
 *   matching stories pooled after it, scored live; unscored (0, newest first), every other match;
 * - not listed: scored, every match whose ranking vector has a query word; unscored, the rest.
 *   Such a word is in fewer stories than TOP_LIST_MIN_STORIES (else the job lists it), so the
 *   bitmap and the scoring stay bounded.
 *
 * A story's score is the same number whichever branch computes it (wordScoreSql over the in-row
 * ranking vector; several words add up), and each story is in exactly one branch, so
 * (score, doc_no) is one total order and the keyset cursor pages without gaps or repeats.
 */
function rankedPage(t: SearchTables, p: PageInput, params: Params): string {
  const { scope, words, tsquery, limit, filters, cursor } = p;
  const wordsParam = params.add(words);
  // Added on first use: a page of the unscored tier scores nothing, and an unused parameter has no type.
  let wordQueries: string[] | undefined;
  const score = (alias: string) =>
    (wordQueries ??= words.map((w) => params.add(quoteLexeme(w)))).map((q) => wordScoreSql(`${alias}.ranking`, `${q}::tsquery`)).join(' + ');
  const anyWord = params.add(words.map(quoteLexeme).join(' | '));
  const scored = (alias: string) => `${alias}.ranking @@ ${anyWord}::tsquery`;
  const docFilters = filterConditions('d', filters, params, true);
  const tagCheck = filters.tags && filters.tags.length > 0 ? ` AND d.tags @> ${params.add(filters.tags)}::text[]` : '';
  // Every scored story is > 0; a cursor at score 0 is already in the unscored tier.
  const inScoredTier = !cursor || BigInt(cursor.score) > 0n;
  const cursorScore = cursor && inScoredTier ? `${params.add(cursor.score)}::bigint` : undefined;
  const cursorDoc = cursor ? `${params.add(cursor.docNo)}::bigint` : undefined;
  const afterCursor = (s: string, docNo: string) => (cursor ? [`(${s}, ${docNo}) < (${cursorScore}, ${cursorDoc})`] : []);
  const n = words.length;
  // Conditions in this order on purpose: PostgreSQL evaluates a scan's filters as written among
  // equal costs, and the in-row ranking vector is cheap where the word set is read from TOAST.
  const where = (conditions: string[]) => conditions.join('\n       AND ');
  const matches = [`d.scope_code = ${scope}`, `d.lexemes @@ ${tsquery}::tsquery`, ...docFilters];

  const branches: string[] = [];
  if (inScoredTier) {
    // Added here: an unscored page has no list rows to filter, and PostgreSQL cannot type a
    // parameter nothing uses.
    const termFilters = filterConditions('t', filters, params, false);
    // Listed: list entries up to the watermark (filters on the copied columns; the story's row for
    // tags, and to drop entries of stories removed since), and live scores after it. The stories
    // after the watermark are few and read by walking doc_no: the watermark is only known at run
    // time, and planned blind PostgreSQL read a common word's whole GIN bitmap for them instead.
    const listed =
      n === 1
        ? `SELECT t.doc_no, t.score FROM ${t.top} t
          WHERE ${where([
            `t.scope_code = ${scope}`,
            `t.term = ${wordsParam}[1]`,
            `t.doc_no <= (SELECT upto FROM listed)`,
            ...termFilters,
            ...afterCursor('t.score', 't.doc_no'),
            `EXISTS (SELECT 1 FROM ${t.docs} d WHERE d.doc_no = t.doc_no${tagCheck})`,
          ])}
          ORDER BY t.score DESC, t.doc_no DESC
          LIMIT ${limit}`
        : // Several words: the union of their lists are the candidates, scored from their rows (in-row
          // vector, cheap) and sorted; each is checked for every word only as the page consumes it
          // (its ranking vector often has them all, else the word set is read). OFFSET 0 keeps the
          // check above the sort, a scalar subquery keeps it per row.
          `SELECT c.doc_no, c.score FROM (
            SELECT x.doc_no, s.score
            FROM (SELECT DISTINCT t.doc_no FROM ${t.top} t
                   WHERE ${where([`t.scope_code = ${scope}`, `t.term = ANY(${wordsParam}::text[])`, `t.doc_no <= (SELECT upto FROM listed)`, ...termFilters])}) x
            CROSS JOIN LATERAL (SELECT ${score('d')} AS score FROM ${t.docs} d WHERE d.doc_no = x.doc_no${tagCheck}) s
            WHERE ${where(['true', ...afterCursor('s.score', 'x.doc_no')])}
            ORDER BY s.score DESC, x.doc_no DESC
            OFFSET 0) c
          WHERE (SELECT d.ranking @@ ${tsquery}::tsquery OR d.lexemes @@ ${tsquery}::tsquery FROM ${t.docs} d WHERE d.doc_no = c.doc_no)
          LIMIT ${limit}`;
    branches.push(`(SELECT x.doc_no, x.score FROM (
       (${listed})
       UNION ALL
       (SELECT d.doc_no, ${score('d')} AS score
          FROM (SELECT f.* FROM ${t.docs} f WHERE f.doc_no > (SELECT upto FROM listed) ORDER BY f.doc_no DESC OFFSET 0) d
         WHERE ${where([scored('d'), ...matches, ...afterCursor(score('d'), 'd.doc_no')])}
         ORDER BY 2 DESC, 1 DESC
         LIMIT ${limit})
     ) x
     WHERE (SELECT all_listed FROM listed)
     ORDER BY x.score DESC, x.doc_no DESC
     LIMIT ${limit})`);
    branches.push(`(SELECT d.doc_no, ${score('d')} AS score FROM ${t.docs} d
     WHERE ${where(['NOT (SELECT all_listed FROM listed)', scored('d'), ...matches, ...afterCursor(score('d'), 'd.doc_no')])}
     ORDER BY 2 DESC, 1 DESC
     LIMIT ${limit})`);
  }
  const tailCursor = cursor && !inScoredTier ? [`d.doc_no < ${cursorDoc}`] : [];
  // Listed, unscored: matches in no list up to the watermark, and unscored matches after it.
  const listedTail = [
    ...matches,
    ...tailCursor,
    '(SELECT all_listed FROM listed)',
    `NOT EXISTS (SELECT 1 FROM ${t.top} x WHERE x.scope_code = ${scope} AND x.term = ANY(${wordsParam}::text[]) AND x.doc_no = d.doc_no AND x.doc_no <= (SELECT upto FROM listed))`,
    `(d.doc_no <= (SELECT upto FROM listed) OR NOT ${scored('d')})`,
  ];
  if (docFilters.length === 0) {
    // Dense matches (by the lists' estimates) are found by walking doc_no backwards in ~limit/share
    // rows; sparse ones through the GIN bitmap, which `doc_no + 0` keeps off that walk.
    branches.push(`(SELECT d.doc_no, 0::bigint AS score FROM ${t.docs} d
     WHERE ${where([...listedTail, '(SELECT dense FROM listed)'])}
     ORDER BY d.doc_no DESC
     LIMIT ${limit})`);
    branches.push(`(SELECT d.doc_no, 0::bigint AS score FROM ${t.docs} d
     WHERE ${where([...listedTail, 'NOT (SELECT dense FROM listed)'])}
     ORDER BY d.doc_no + 0 DESC
     LIMIT ${limit})`);
  } else {
    branches.push(`(SELECT d.doc_no, 0::bigint AS score FROM ${t.docs} d
     WHERE ${where(listedTail)}
     ORDER BY d.doc_no + 0 DESC
     LIMIT ${limit})`);
  }
  // Not listed, unscored.
  branches.push(`(SELECT d.doc_no, 0::bigint AS score FROM ${t.docs} d
     WHERE ${where(['NOT (SELECT all_listed FROM listed)', ...matches, ...tailCursor, `NOT ${scored('d')}`])}
     ORDER BY d.doc_no + 0 DESC
     LIMIT ${limit})`);
  return `listed AS (
  SELECT count(*) = ${n} AS all_listed, min(tt.upto_doc_no) AS upto,
         coalesce(exp(sum(ln(greatest(tt.matches, 1) / (${storyCountSql(t)})))), 0) >= ${p.share} AS dense
  FROM ${t.topTerms} tt
  WHERE tt.scope_code = ${scope} AND tt.term = ANY(${wordsParam}::text[])
),
page AS (
  SELECT * FROM (
  ${branches.join('\n  UNION ALL\n  ')}
  ) AS tiers
  LIMIT ${limit}
)`;
}

/** Share of the stories from which a listed word's tail is walked rather than read through the bitmap. */
export const COMMON_WORD_SHARE = 0.05;

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
