import { BadRequestException, Injectable } from '@nestjs/common';
import { highlightAll, highlightSnippet, MAX_QUERY_WORDS, quoteLexeme } from '@syn/chinese-text';
import type { StorySnapshot } from '@syn/contracts';
import { CenterDirectory } from '@syn/network';
import { DataSource } from 'typeorm';
import { PoolSearchIndex } from './pool-search-index';
import { HIGHLIGHT } from './story-search-index';
import type { StorySearch } from './story-search.query';
import { searchableText } from './searchable-text';

export interface PoolSearchHit {
  storyId: string;
  /** Integer relevance; higher first. The queue's is the number of query words in the title. */
  score: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  originCode: string;
  originName: string;
  hubCode: string;
  category: string;
  tags: string[];
  byline: string;
  summary: string | null;
  version: number;
  status: string;
  pooledAt: string | null;
  receivedAt: string | null;
}

export interface PoolSearchPage {
  q: string;
  words: string[];
  items: PoolSearchHit[];
  nextCursor: string | null;
}

interface PoolColumns extends Record<string, unknown> {
  origin_code: string;
  hub_code: string;
  category: string;
  tags: string[];
  byline: string;
  summary: string | null;
  version: number;
  pooled_at: Date;
  embargo_until: Date | null;
}

const embargoedFor = (row: PoolColumns, hub: string, viewer?: string): boolean =>
  !!viewer && viewer !== hub && row.origin_code.trim() !== viewer && !!row.embargo_until && row.embargo_until.getTime() > Date.now();

const QUEUE_CURSOR = /^(\d+)\.(\d{1,19})\.([0-9a-f-]{36})$/;

/**
 * 大稿库检索 for curators and (over gRPC) the hub's counties: the pool by relevance, or the review
 * queue (scope=queue), where a title hit comes first and then the newest.
 */
@Injectable()
export class PoolSearchService {
  constructor(
    private readonly index: PoolSearchIndex,
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
  ) {}

  /**
   * `viewer`: the center asking, when it is not the hub itself (a county over gRPC); an embargoed
   * story stays hidden from it unless it wrote the story, as on every other read of the pool.
   */
  async searchPool(hub: string, s: StorySearch, viewer?: string): Promise<PoolSearchPage> {
    const r = await this.index.search<PoolColumns>({
      q: s.q,
      scope: hub,
      filters: { originCodes: s.county ? [s.county] : undefined, category: s.category, tags: s.tags, pooledFrom: s.from, pooledBefore: s.to },
      cursor: s.cursor,
      limit: s.limit,
      columns: ['origin_code', 'hub_code', 'category', 'tags', 'byline', 'summary', 'version', 'pooled_at', 'embargo_until'],
    });
    return {
      q: s.q,
      words: r.words,
      items: r.hits
        .filter(({ row }) => !embargoedFor(row, hub, viewer))
        .map(({ row, ...h }) => ({
          ...h,
          title: row.title,
          originCode: row.origin_code.trim(),
          originName: this.nameOf(row.origin_code.trim()),
          hubCode: row.hub_code.trim(),
          category: row.category,
          tags: row.tags,
          byline: row.byline,
          summary: row.summary,
          version: row.version,
          status: 'accepted',
          pooledAt: row.pooled_at.toISOString(),
          receivedAt: null,
        })),
      nextCursor: r.nextCursor,
    };
  }

  /**
   * The review queue is small next to the pool (what is waiting, plus decided history), so it is
   * matched through word GIN indexes and ordered by title hits, then newest. A story's words are
   * indexed once: in its fingerprint while it waits (or was turned down), in the pool's search docs
   * once it is in the pool, where an auto-accepted story's fingerprint holds no words at all
   * (StoryFamilyService.onSubmittedMany). Decided entries are therefore matched in both.
   */
  async searchQueue(hub: string, s: StorySearch, status: string): Promise<PoolSearchPage> {
    const words = this.index.segmenter.queryWords(s.q).slice(0, MAX_QUERY_WORDS);
    if (words.length === 0) return { q: s.q, words, items: [], nextCursor: null };
    const limit = Math.min(s.limit ?? 20, 100);
    const values: unknown[] = [hub, words.map(quoteLexeme).join(' & '), words, limit];
    const add = (v: unknown) => `$${values.push(v)}`;
    const where = [`f.hub_code = $1`];
    if (status !== 'all') where.push(`s.status = ${add(status)}`);
    if (s.county) where.push(`s.origin_code = ${add(s.county)}`);
    if (s.category) where.push(`f.category = ${add(s.category)}`);
    if (s.tags?.length) where.push(`f.tags @> ${add(s.tags)}::text[]`);
    if (s.from) where.push(`s.received_at >= ${add(s.from)}`);
    if (s.to) where.push(`s.received_at < ${add(s.to)}`);
    const byFingerprint = `SELECT story_id FROM submission_fingerprints WHERE hub_code = $1 AND lexemes @@ $2::tsquery`;
    // Only an accepted entry can be in the pool: other statuses never read the pool's index.
    const inPool = status === 'accepted' || status === 'all';
    const matchedSql = inPool ? `${byFingerprint} UNION SELECT story_id FROM pool_search_docs WHERE scope_code = $1 AND lexemes @@ $2::tsquery` : byFingerprint;
    let cursorCondition = '';
    if (s.cursor) {
      const m = QUEUE_CURSOR.exec(Buffer.from(s.cursor, 'base64url').toString('utf8'));
      if (!m) throw new BadRequestException({ statusCode: 400, message: ['cursor: not a cursor of this search'], fields: ['cursor'] });
      cursorCondition = `WHERE (hits.title_hits, hits.at_us, hits.story_id) < (${add(Number(m[1]))}::int, ${add(m[2])}::bigint, ${add(m[3])}::uuid)`;
    }
    const rows: Array<{
      story_id: string;
      title_hits: number;
      at_us: string;
      status: string;
      snapshot: StorySnapshot;
      received_at: Date;
      origin_code: string;
    }> = await this.dataSource.query(
      `SELECT * FROM (
         SELECT s.story_id, s.status, s.snapshot, s.received_at, s.origin_code,
                (SELECT count(*) FROM unnest($3::text[]) w WHERE w = ANY(tsvector_to_array(f.title_lexemes)))::int AS title_hits,
                (extract(epoch FROM s.received_at) * 1000000)::bigint AS at_us
           FROM (${matchedSql}) matched
           JOIN submission_fingerprints f ON f.story_id = matched.story_id
           JOIN submissions s ON s.story_id = f.story_id
          WHERE ${where.join(' AND ')}
       ) hits ${cursorCondition}
       ORDER BY hits.title_hits DESC, hits.at_us DESC, hits.story_id DESC
       LIMIT $4`,
      values,
    );
    const last = rows.length === limit ? rows[rows.length - 1] : null;
    return {
      q: s.q,
      words,
      items: rows.map((r) => {
        const st = r.snapshot;
        return {
          storyId: r.story_id,
          score: String(r.title_hits),
          title: st.title,
          titleHtml: highlightAll(st.title, words, HIGHLIGHT),
          snippetHtml: highlightSnippet(searchableText(st.body), words, { ...HIGHLIGHT, maxLength: 120 }).html,
          originCode: r.origin_code.trim(),
          originName: this.nameOf(r.origin_code.trim()),
          hubCode: hub,
          category: st.category,
          tags: st.tags,
          byline: st.byline,
          summary: st.summary ?? null,
          version: st.version,
          status: r.status,
          pooledAt: null,
          receivedAt: r.received_at.toISOString(),
        };
      }),
      nextCursor: last ? Buffer.from(`${last.title_hits}.${last.at_us}.${last.story_id}`, 'utf8').toString('base64url') : null,
    };
  }

  private nameOf(code: string): string {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}
