import {
  buildTopListSql,
  clearTopListsSql,
  commonWordsSql,
  extendTopListsSql,
  scopeWatermarksSql,
  type SearchTables,
  TOP_LIST_MIN_STORIES,
  TOP_LIST_SIZE,
} from './pool-search.sql';

/** Runs one statement in the caller's transaction (pg Client, TypeORM EntityManager …). */
export type RunQuery = (text: string, values?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export interface TopListOptions {
  /** `extend`: bring the lists up to the newest story; `rebuild`: from every story. */
  readonly run: 'extend' | 'rebuild';
  readonly size?: number;
  /** Words estimated (PostgreSQL statistics) in at least this many stories get a list. */
  readonly minStories?: number;
  /** Words to list whatever the statistics say (tests, and a word an editor knows is common). */
  readonly words?: readonly string[];
}

/**
 * Refreshes the top lists of every scope of a set, inside the caller's transaction (one refresh
 * at a time: the caller holds a lock). Returns how many (scope, word) lists exist afterwards.
 * Cost: `extend` scores the stories pooled since the last run for the listed words they contain
 * (one pass over them); a new word's list scores every story containing it, once.
 */
export async function refreshTopLists(query: RunQuery, t: SearchTables, o: TopListOptions): Promise<number> {
  const size = o.size ?? TOP_LIST_SIZE;
  const minStories = o.minStories ?? TOP_LIST_MIN_STORIES;
  if (o.run === 'rebuild') for (const stmt of clearTopListsSql(t)) await query(stmt);
  const common = new Set([...(await commonWords(query, t, minStories)), ...(o.words ?? [])]);
  const scopes = (await query(scopeWatermarksSql(t))) as Array<{ scope_code: string; upto: string }>;
  let lists = 0;
  for (const { scope_code: scope, upto } of scopes) {
    const values = { scope, upto, size };
    for (const stmt of extendTopListsSql(t)) await query(stmt.text, stmt.params.map((p) => values[p]));
    const have = new Set(((await query(`SELECT term FROM ${t.topTerms} WHERE scope_code = $1`, [scope])) as Array<{ term: string }>).map((r) => r.term));
    for (const term of common) if (!have.has(term)) await query(buildTopListSql(t), [scope, term, upto, size]);
    lists += new Set([...have, ...common]).size;
  }
  return lists;
}

/** Words estimated in at least `minStories` stories; analyses the set first if it never was. */
async function commonWords(query: RunQuery, t: SearchTables, minStories: number): Promise<string[]> {
  let rows = (await query(commonWordsSql(t), [minStories])) as Array<{ term: string }>;
  if (rows.length === 0) {
    const [{ analysed, count }] = (await query(
      `SELECT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = '${t.docs}' AND attname = 'lexemes') AS analysed,
              (SELECT count(*)::int FROM ${t.docs}) AS count`,
    )) as Array<{ analysed: boolean; count: number }>;
    // Autovacuum analyses a busy set; one loaded in a burst may not have been yet.
    if (!analysed && count >= minStories) {
      await query(`ANALYZE ${t.docs}`);
      rows = (await query(commonWordsSql(t), [minStories])) as Array<{ term: string }>;
    }
  }
  return rows.map((r) => r.term);
}
