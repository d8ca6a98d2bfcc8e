import { BadRequestException, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  buildPoolSearchQuery,
  ChineseSegmenter,
  decodePoolSearchCursor,
  deleteSearchStoriesSql,
  encodePoolSearchCursor,
  highlightAll,
  highlightSnippet,
  insertSearchStoriesWithBandsSql,
  NEAR_DUPLICATE_MAX_DISTANCE,
  nearDuplicateBatchSql,
  nextPoolSearchCursor,
  type PoolSearchCursor,
  type PoolSearchFilters,
  type SearchTables,
  simhash,
  simhashBands,
  simhashProbeKeys,
  simhashToPg,
  type StoryTokens,
  storyVectors,
  type TopListOptions,
  refreshTopLists,
} from '@syn/chinese-text';
import type { AppEnv } from '@syn/config';
import { TableVacuum } from '@syn/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { searchableText } from './searchable-text';
import { TopListRefreshSchedule, type TopListRun } from './top-list-refresh.schedule';

interface SearchableStoryBase {
  storyId: string;
  /** The center whose search holds it: the hub of a pool, the province of the index. */
  scope: string;
  hubCode: string;
  originCode: string;
  category: string;
  tags: string[];
  pooledAt: Date;
}

/**
 * What the index needs of a story: either its text (`title`, `body` the stored HTML, `summary`
 * optional), segmented and fingerprinted here, or the words and SimHash already computed upstream
 * (`analyse` at the hub, carried by story.pooled), so that this level does no text work.
 */
export type SearchableStory = SearchableStoryBase &
  ({ title: string; body: string; summary?: string | null; tokens?: undefined } | { tokens: StoryTokens; simhash: bigint });

/** A story's text work, done once: search-mode words by field, and the SimHash. */
export interface StoryAnalysis {
  tokens: StoryTokens;
  simhash: bigint;
}

export interface SearchRequest {
  q: string;
  scope: string;
  filters?: PoolSearchFilters;
  /** Opaque token from a previous page. */
  cursor?: string;
  limit?: number;
  /** Columns of the texts table to return besides title and body. */
  columns?: string[];
}

/** Marks around matched words in titleHtml / snippetHtml (the text around them is HTML-escaped). */
export const HIGHLIGHT = { open: '<mark>', close: '</mark>' } as const;

export interface SearchHit<Row> {
  storyId: string;
  /** Integer relevance (ts_rank of the words, weighted by field, ×1e6); 0 past a common word's top list (newest first). */
  score: string;
  titleHtml: string;
  snippetHtml: string;
  row: Row;
}

export interface SearchResult<Row> {
  /** The query as the index understood it: its words after segmentation. */
  words: string[];
  hits: SearchHit<Row>[];
  nextCursor: string | null;
}

export interface NearDuplicate {
  storyId: string;
  originCode: string | null;
  distance: number;
  simhash: string;
}

type Row = { story_id: string; doc_no: string; score: string; title: string; body: string } & Record<string, unknown>;

/**
 * Chinese full-text search and SimHash lookup over one set of stories (docs/search-design.md).
 * The hub's pool and the province's index are two instances over two table sets: index stories
 * in the transaction that stores them (one row and its index entries each), search with the query
 * builder of @syn/chinese-text, and keep the top lists of common words fresh from the app.
 */
export abstract class StorySearchIndex implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger: Logger;
  private readonly schedule: TopListRefreshSchedule;
  /** The band rows the duplicate check reads and the list rows a listed word's search reads, both by index-only scans. */
  private readonly vacuum: TableVacuum;
  private readonly insertSql: string;
  private readonly deleteSql: string;
  private readonly nearBatchSql: string;
  private lastFingerprint: { text: string; hash: bigint } | undefined;

  protected constructor(
    readonly tables: SearchTables,
    readonly segmenter: ChineseSegmenter,
    protected readonly dataSource: DataSource,
    env: Pick<AppEnv, 'SEARCH_LEXICON_REFRESH_MS' | 'SEARCH_LEXICON_REFRESH_AFTER_INSERTS' | 'SEARCH_TOP_LIST_MIN_MATCHES' | 'SEARCH_VACUUM_AFTER_STORIES'>,
  ) {
    this.logger = new Logger(`Search:${tables.prefix}`);
    this.insertSql = insertSearchStoriesWithBandsSql(tables);
    this.deleteSql = deleteSearchStoriesSql(tables);
    this.nearBatchSql = nearDuplicateBatchSql(tables);
    this.vacuum = new TableVacuum(dataSource, [tables.bands, tables.top], env.SEARCH_VACUUM_AFTER_STORIES);
    this.schedule = new TopListRefreshSchedule(
      tables.prefix,
      (run) => this.refreshTopLists(run, { minMatches: env.SEARCH_TOP_LIST_MIN_MATCHES }),
      env.SEARCH_LEXICON_REFRESH_MS,
      env.SEARCH_LEXICON_REFRESH_AFTER_INSERTS,
      this.logger,
    );
  }

  onApplicationBootstrap() {
    this.schedule.start();
    void this.backfill().catch((e: Error) => this.logger.error({ msg: 'search backfill failed', set: this.tables.prefix, error: e.message }));
  }

  async onApplicationShutdown() {
    await this.schedule.stop();
    await this.vacuum.idle();
  }

  /**
   * The text work of a story, once: title, summary and body (HTML) segmented into search-mode
   * words, and the SimHash of title and plain body. What story.pooled can carry so that the next
   * level indexes without segmenting (SearchableStory's `tokens` and `simhash`).
   */
  analyse(title: string, bodyHtml: string, summary?: string | null, tags: readonly string[] = []): StoryAnalysis {
    const body = searchableText(bodyHtml);
    const summaryWords = [...(summary ? this.segmenter.words(summary) : []), ...tags.flatMap((tag) => this.segmenter.words(tag))];
    return {
      tokens: { title: this.segmenter.words(title), summary: summaryWords, body: this.segmenter.words(body) },
      simhash: this.fingerprint(title, body),
    };
  }

  /** (Re-)index one story inside the caller's transaction; an edit replaces the old entry. */
  index(m: EntityManager, s: SearchableStory): Promise<void> {
    return this.indexMany(m, [s]);
  }

  /**
   * (Re-)index stories inside the caller's transaction: one delete and one multi-row insert for
   * the batch, whatever its size. A story listed twice is indexed once, as its last entry.
   */
  async indexMany(m: EntityManager, stories: readonly SearchableStory[]): Promise<void> {
    const latest = [...new Map(stories.map((s) => [s.storyId, s])).values()];
    if (latest.length === 0) return;
    const rows = latest.map((s) => {
      const a = s.tokens ? { tokens: s.tokens, simhash: s.simhash } : this.analyse(s.title, s.body, s.summary, s.tags);
      return { s, vectors: storyVectors(a.tokens), hash: a.simhash };
    });
    await m.query(this.deleteSql, [latest.map((s) => s.storyId)]);
    await m.query(this.insertSql, [
      rows.map((r) => r.s.storyId),
      rows.map((r) => r.s.scope),
      rows.map((r) => r.s.hubCode),
      rows.map((r) => r.s.originCode),
      rows.map((r) => r.s.category),
      rows.map((r) => pgTextArray(r.s.tags)),
      rows.map((r) => r.s.pooledAt),
      rows.map((r) => r.vectors.lexemes),
      rows.map((r) => r.vectors.ranking),
      rows.map((r) => simhashToPg(r.hash)),
      rows.map((r) => `{${simhashBands(r.hash).join(',')}}`),
    ]);
    this.schedule.noteInserted(rows.length);
    this.vacuum.note(rows.length);
  }

  async remove(m: EntityManager, storyId: string): Promise<void> {
    await m.query(this.deleteSql, [[storyId]]);
  }

  /**
   * SimHash of a story's title and plain-text body (the same text for every caller, so distances compare).
   * The last one is kept: a hub fingerprints a submission for its family and again when the same
   * transaction accepts it into the pool.
   */
  fingerprint(title: string, plainBody: string): bigint {
    const text = `${title}\n${plainBody}`;
    if (this.lastFingerprint?.text !== text) this.lastFingerprint = { text, hash: simhash(text, { segmenter: this.segmenter }) };
    return this.lastFingerprint.hash;
  }

  /** Stories of `scope` within NEAR_DUPLICATE_MAX_DISTANCE bits of `hash`, nearest first. */
  async nearDuplicates(m: EntityManager, scope: string, hash: bigint, limit = 20): Promise<NearDuplicate[]> {
    return (await this.nearDuplicatesMany(m, [{ scope, hash }], limit))[0];
  }

  /** `nearDuplicates` for several stories in one statement (a consumer batch's); one list per story, in order. */
  async nearDuplicatesMany(m: EntityManager, stories: ReadonlyArray<{ scope: string; hash: bigint }>, limit = 20): Promise<NearDuplicate[][]> {
    const found: NearDuplicate[][] = stories.map(() => []);
    if (stories.length === 0) return found;
    const rows: Array<{ i: number; story_id: string; origin_code: string | null; distance: number; simhash: string }> = await m.query(this.nearBatchSql, [
      stories.map((s) => simhashToPg(s.hash)),
      stories.map((s) => simhashProbeKeys(s.hash).join(',')),
      stories.map((s) => s.scope),
      NEAR_DUPLICATE_MAX_DISTANCE,
      limit,
    ]);
    for (const r of rows) found[r.i - 1].push({ storyId: r.story_id, originCode: r.origin_code, distance: r.distance, simhash: r.simhash });
    return found;
  }

  /**
   * One page of hits, best first, with highlighted title and snippet. An empty query (no
   * searchable word) finds nothing rather than everything.
   */
  async search<Extra extends Record<string, unknown> = Record<string, never>>(req: SearchRequest): Promise<SearchResult<Row & Extra>> {
    let cursor: PoolSearchCursor | undefined;
    try {
      cursor = req.cursor ? decodePoolSearchCursor(req.cursor) : undefined;
    } catch {
      throw new BadRequestException({ statusCode: 400, message: ['cursor: not a cursor of this search'], fields: ['cursor'] });
    }
    const sql = buildPoolSearchQuery(
      {
        query: req.q,
        scope: req.scope,
        tables: this.tables,
        filters: req.filters,
        cursor,
        limit: req.limit,
        storyColumns: ['title', 'body', ...(req.columns ?? [])],
      },
      this.segmenter,
    );
    if (!sql) return { words: [], hits: [], nextCursor: null };
    const rows: Array<Row & Extra> = await this.dataSource.query(sql.text, sql.values);
    const next = nextPoolSearchCursor(rows, sql.limit);
    return {
      words: sql.words,
      hits: rows.map((r) => ({
        storyId: r.story_id,
        score: r.score,
        titleHtml: highlightAll(r.title, sql.words, HIGHLIGHT),
        snippetHtml: highlightSnippet(searchableText(r.body), sql.words, { ...HIGHLIGHT, maxLength: 120 }).html,
        row: r,
      })),
      nextCursor: next ? encodePoolSearchCursor(next) : null,
    };
  }

  /**
   * Brings the top lists up to the newest story (`extend`), or rebuilds them from every story
   * (`rebuild`), for every scope of the set (refreshTopLists); returns how many lists exist, or
   * null when another process holds them (replicas share the database).
   */
  refreshTopLists(run: TopListRun, options: Omit<TopListOptions, 'run'> = {}): Promise<number | null> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [`${this.tables.topTerms}:refresh`]);
      if (!locked) return null;
      return refreshTopLists((text, values) => m.query(text, values), this.tables, { ...options, run });
    });
  }

  /** Stories stored before search existed (or missed), oldest first; none by default. */
  protected async unindexed(_m: EntityManager, _limit: number): Promise<SearchableStory[]> {
    return [];
  }

  /** Indexes what `unindexed` finds, in batches, once at boot; one process at a time. */
  async backfill(batch = 200): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.dataSource.transaction(async (m) => {
        const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [`${this.tables.docs}:backfill`]);
        if (!locked) return 0;
        const stories = await this.unindexed(m, batch);
        await this.indexMany(m, stories);
        return stories.length;
      });
      total += n;
      if (n < batch) break;
    }
    if (total > 0) {
      this.logger.log({ msg: 'stories indexed for search at boot', set: this.tables.prefix, stories: total });
      await this.schedule.run('rebuild', 'backfill');
    }
    return total;
  }
}

/** A text[] literal (tags travel as one literal per story in the batch insert). */
function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}
