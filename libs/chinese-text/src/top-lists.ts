import {
  buildTopListsSql,
  clearTopListsSql,
  commonWordsSql,
  extendTopListsSql,
  HASH_JOINS_ONLY,
  PLANNER_DEFAULTS,
  scopeWatermarksSql,
  type SearchTables,
  TOP_LIST_MIN_MATCHES,
  TOP_LIST_MIN_SHARE,
  TOP_LIST_MIN_STORIES,
  TOP_LIST_SIZE,
} from './pool-search.sql';

/** Runs one statement in the caller's transaction (pg Client, TypeORM EntityManager …). */
export type RunQuery = (text: string, values?: unknown[]) => Promise<Array<Record<string, unknown>>>;

export interface TopListOptions {
  /** `extend`: bring the lists up to the newest story; `rebuild`: from every story. */
  readonly run: 'extend' | 'rebuild';
  readonly size?: number;
  /** Words estimated (PostgreSQL statistics) in at least this many stories, or this share, get a list. */
  readonly minStories?: number;
  readonly minShare?: number;
  /** …and in no fewer than this many: below it a list would save nothing over ranking live. */
  readonly minMatches?: number;
  /** Words to list whatever the statistics say (tests, and a word an editor knows is common). */
  readonly words?: readonly string[];
}

/**
 * Refreshes the top lists of every scope of a set, inside the caller's transaction (one refresh
 * at a time: the caller holds a lock). Returns how many (scope, word) lists exist afterwards.
 * Cost: `extend` scores the stories pooled since the last run for the listed words of their
 * ranking vectors (one pass over them); new words' lists take one pass over every story's ranking
 * vector, once.
 */
export async function refreshTopLists(query: RunQuery, t: SearchTables, o: TopListOptions): Promise<number> {
  const size = o.size ?? TOP_LIST_SIZE;
  const minStories = o.minStories ?? TOP_LIST_MIN_STORIES;
  if (o.run === 'rebuild') for (const stmt of clearTopListsSql(t)) await query(stmt);
  const bounds = { minStories, minShare: o.minShare ?? TOP_LIST_MIN_SHARE, minMatches: o.minMatches ?? TOP_LIST_MIN_MATCHES };
  const common = await commonWords(query, t, bounds);
  const named = new Set(o.words ?? []);
  for (const word of named) {
    if (common.has(word)) continue;
    const [{ n }] = (await query(`SELECT count(*)::int AS n FROM ${t.docs} WHERE lexemes @@ quote_literal($1::text)::tsquery`, [word])) as Array<{ n: number }>;
    common.set(word, n);
  }
  const scopes = (await query(scopeWatermarksSql(t))) as Array<{ scope_code: string; upto: string; stories: number }>;
  const total = scopes.reduce((sum, s) => sum + s.stories, 0);
  let lists = 0;
  for (const { scope_code: scope, upto, stories } of scopes) {
    const values = { scope, upto, size };
    for (const stmt of extendTopListsSql(t))
      await query(
        stmt.text,
        stmt.params.map((p) => values[p]),
      );
    const have = new Set(((await query(`SELECT term FROM ${t.topTerms} WHERE scope_code = $1`, [scope])) as Array<{ term: string }>).map((r) => r.term));
    // The bounds hold per scope: a search ranks one scope's matches, and a hub sharing its database
    // with others would otherwise get a list for every word common in all of them together, and
    // keep turning it over while each of its own stories entered it.
    const share = total > 0 ? stories / total : 0;
    const enough = Math.max(Math.min(bounds.minStories, bounds.minShare * stories), bounds.minMatches);
    const added = [...common]
      .filter(([term, n]) => named.has(term) || n * share >= enough)
      .filter(([term]) => !have.has(term))
      .map(([term, n]): [string, number] => [term, named.has(term) ? n : Math.round(n * share)]);
    if (added.length > 0) {
      for (const setting of HASH_JOINS_ONLY) await query(setting);
      await query(buildTopListsSql(t), [scope, added.map(([term]) => term), added.map(([, n]) => n), upto, size]);
      for (const setting of PLANNER_DEFAULTS) await query(setting);
      // The next runs' plans read its size: a list table never analysed looks like 3 rows.
      await query(`ANALYZE ${t.topTerms}`);
    }
    lists += have.size + added.length;
  }
  return lists;
}

/** Words estimated in at least `minStories` stories, with the estimate; analyses the set first if it never was. */
async function commonWords(
  query: RunQuery,
  t: SearchTables,
  { minStories, minShare, minMatches }: { minStories: number; minShare: number; minMatches: number },
): Promise<Map<string, number>> {
  const bounds = [minStories, minShare, minMatches];
  let rows = (await query(commonWordsSql(t), bounds)) as Array<{ term: string; stories: number }>;
  if (rows.length === 0) {
    const [{ analysed, count }] = (await query(
      `SELECT EXISTS (SELECT 1 FROM pg_stats WHERE schemaname = current_schema() AND tablename = '${t.docs}' AND attname = 'lexemes') AS analysed,
              (SELECT count(*)::int FROM ${t.docs}) AS count`,
    )) as Array<{ analysed: boolean; count: number }>;
    // Autovacuum analyses a busy set; one loaded in a burst may not have been yet.
    if (!analysed && count > 0 && count >= Math.max(Math.min(minStories, minShare * count), minMatches)) {
      await query(`ANALYZE ${t.docs}`);
      rows = (await query(commonWordsSql(t), bounds)) as Array<{ term: string; stories: number }>;
    }
  }
  return new Map(rows.map((r) => [r.term, r.stories]));
}
