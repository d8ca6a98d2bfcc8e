import { BadRequestException, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import {
  buildPoolSearchQuery,
  ChineseSegmenter,
  decodePoolSearchCursor,
  deleteSearchStorySql,
  encodePoolSearchCursor,
  highlightAll,
  highlightSnippet,
  insertSearchStorySql,
  NEAR_DUPLICATE_MAX_DISTANCE,
  nearDuplicateSql,
  nextPoolSearchCursor,
  type PoolSearchCursor,
  type PoolSearchFilters,
  countPendingLexiconSql,
  refreshLexiconSql,
  type SearchTables,
  simhash,
  simhashBands,
  simhashProbeKeys,
  simhashToPg,
  termImpacts,
} from '@syn/chinese-text';
import type { AppEnv } from '@syn/config';
import type { DataSource, EntityManager } from 'typeorm';
import { LexiconRefreshSchedule } from './lexicon-refresh.schedule';
import { searchableText } from './searchable-text';
import { analyzeStoryText, type StoryText } from '../story-text/story-text';

/** What the index needs of a story; `body` is the stored HTML. */
export interface SearchableStory {
  storyId: string;
  /** The center whose search holds it: the hub of a pool, the province of the index. */
  scope: string;
  hubCode: string;
  originCode: string;
  category: string;
  tags: string[];
  pooledAt: Date;
  title: string;
  body: string;
  /** The text already segmented and fingerprinted (at the hub that pooled it); worked out here when absent. */
  text?: StoryText;
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
  /** Integer relevance (BM25 impact × idf); 0 for stories that mention the words only in passing. */
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
 * The hub's pool and the province's index are two instances over two table sets: index a story
 * in the transaction that stores it, search with the query builder of @syn/chinese-text, and keep
 * the idf lexicon fresh from the app.
 */
export abstract class StorySearchIndex implements OnApplicationBootstrap, OnApplicationShutdown {
  protected readonly logger: Logger;
  private readonly schedule: LexiconRefreshSchedule;
  private readonly insertSql: string;
  private readonly deleteSql: string;
  private readonly nearSql: string;
  private lastFingerprint: { text: string; hash: bigint } | undefined;

  protected constructor(
    readonly tables: SearchTables,
    readonly segmenter: ChineseSegmenter,
    protected readonly dataSource: DataSource,
    env: Pick<AppEnv, 'SEARCH_LEXICON_REFRESH_MS' | 'SEARCH_LEXICON_REFRESH_AFTER_INSERTS'>,
  ) {
    this.logger = new Logger(`Search:${tables.prefix}`);
    this.insertSql = insertSearchStorySql(tables);
    this.deleteSql = deleteSearchStorySql(tables);
    this.nearSql = nearDuplicateSql(tables);
    this.schedule = new LexiconRefreshSchedule(
      tables.prefix,
      (run) => (run === 'recount' ? this.refreshLexicon() : this.countNewLexemes()),
      env.SEARCH_LEXICON_REFRESH_MS,
      env.SEARCH_LEXICON_REFRESH_AFTER_INSERTS,
      this.logger,
    );
  }

  onApplicationBootstrap() {
    this.schedule.start();
    void this.backfill().catch((e: Error) => this.logger.error({ msg: 'search backfill failed', set: this.tables.prefix, error: e.message }));
  }

  onApplicationShutdown() {
    return this.schedule.stop();
  }

  /** (Re-)index one story inside the caller's transaction; an edit replaces the old entry. */
  async index(m: EntityManager, s: SearchableStory): Promise<void> {
    const { titleWords, bodyWords, simhash: hash } = s.text ?? this.analyze(s.title, s.body);
    const { postings, wordCount } = termImpacts(titleWords, bodyWords);
    const lexemes = [...new Set([...titleWords, ...bodyWords])];
    await m.query(this.deleteSql, [s.storyId]);
    await m.query(this.insertSql, [
      s.storyId,
      s.scope,
      s.hubCode,
      s.originCode,
      s.category,
      s.tags,
      s.pooledAt,
      wordCount,
      lexemes,
      simhashToPg(hash),
      simhashBands(hash),
      postings.map((p) => p.term),
      postings.map((p) => p.impact),
    ]);
    this.schedule.noteInserted();
  }

  /** Segments and fingerprints a story once, for whoever needs its words and its SimHash. */
  analyze(title: string, bodyHtml: string): StoryText {
    return analyzeStoryText(this.segmenter, title, bodyHtml);
  }

  async remove(m: EntityManager, storyId: string): Promise<void> {
    await m.query(this.deleteSql, [storyId]);
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
    const rows: Array<{ story_id: string; origin_code: string | null; distance: number; simhash: string }> = await m.query(this.nearSql, [
      simhashToPg(hash),
      simhashProbeKeys(hash),
      NEAR_DUPLICATE_MAX_DISTANCE,
      limit,
      scope,
    ]);
    return rows.map((r) => ({ storyId: r.story_id, originCode: r.origin_code, distance: r.distance, simhash: r.simhash }));
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
   * Recounts document frequencies over the whole set and returns how many stories it holds, or
   * null when another process holds the lexicon (replicas share the database).
   */
  refreshLexicon(): Promise<number | null> {
    return this.updateLexicon(refreshLexiconSql(this.tables));
  }

  /** Adds the words of the stories indexed since the last count; returns as refreshLexicon. */
  countNewLexemes(): Promise<number | null> {
    return this.updateLexicon(countPendingLexiconSql(this.tables));
  }

  /** One REPEATABLE READ transaction: the stories counted and the pending rows cleared are one snapshot's. */
  private updateLexicon(statements: readonly string[]): Promise<number | null> {
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [`${this.tables.lexicon}:refresh`]);
      if (!locked) return null;
      for (const stmt of statements) await m.query(stmt);
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM ${this.tables.docs}`);
      return n as number;
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
        for (const s of stories) await this.index(m, s);
        return stories.length;
      });
      total += n;
      if (n < batch) break;
    }
    if (total > 0) {
      this.logger.log({ msg: 'stories indexed for search at boot', set: this.tables.prefix, stories: total });
      await this.schedule.run('count-new', 'backfill');
    }
    return total;
  }
}
