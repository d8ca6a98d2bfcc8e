import { Injectable } from '@nestjs/common';
import { ProvinceSearchIndex } from '../index-search/province-search-index';
import type { PooledStory, PoolListener } from '@syn/hub';
import type { EntityManager } from 'typeorm';

const INDEX_COLUMNS = [
  'story_id',
  'province_code',
  'hub_code',
  'origin_code',
  'version',
  'title',
  'summary',
  'byline',
  'category',
  'tags',
  'region_code',
  'priority',
  'embargo_until',
  'content_hash',
  'pooled_at',
  'pooled_by',
  'authors',
  'topic_id',
  'edition',
] as const;

const UPSERT_INDEX = `INSERT INTO story_index (${INDEX_COLUMNS.join(', ')})
  SELECT ${INDEX_COLUMNS.join(', ')} FROM json_populate_recordset(NULL::story_index, $1::json)
  ON CONFLICT (story_id) DO UPDATE SET
    hub_code = EXCLUDED.hub_code, version = EXCLUDED.version, title = EXCLUDED.title, summary = EXCLUDED.summary,
    byline = EXCLUDED.byline, category = EXCLUDED.category, tags = EXCLUDED.tags, region_code = EXCLUDED.region_code,
    priority = EXCLUDED.priority, embargo_until = EXCLUDED.embargo_until, content_hash = EXCLUDED.content_hash,
    pooled_at = EXCLUDED.pooled_at, pooled_by = EXCLUDED.pooled_by, authors = EXCLUDED.authors, topic_id = EXCLUDED.topic_id,
    edition = EXCLUDED.edition, indexed_at = now()
  WHERE (story_index.version, story_index.edition) < (EXCLUDED.version, EXCLUDED.edition)
  RETURNING story_id`;

/**
 * Records pooled stories in the province's index (and its province-scope search), keeping the highest (version, edition) seen:
 * a curator's edition of a version replaces it, a newer version from the origin beats both. Used by the
 * story.pooled handler (city pools, a consumer batch at a time) and as a pool listener (the province's own pool).
 * The live feed hears of every change from the table's triggers (IndexLiveFeed migration).
 */
@Injectable()
export class StoryIndexWriter implements PoolListener {
  constructor(private readonly search: ProvinceSearchIndex) {}

  async onPooled(m: EntityManager, e: PooledStory, province?: string): Promise<boolean> {
    return (await this.indexMany(m, [e], province ?? e.hubCode)).length > 0;
  }

  async onPooledMany(m: EntityManager, pooled: PooledStory[]): Promise<void> {
    for (const hub of new Set(pooled.map((e) => e.hubCode)))
      await this.indexMany(
        m,
        pooled.filter((e) => e.hubCode === hub),
        hub,
      );
  }

  /** One statement per table for the lot; returns the entries that changed the index. */
  async indexMany(m: EntityManager, entries: PooledStory[], province: string): Promise<PooledStory[]> {
    if (entries.length === 0) return [];
    // Two editions of one story in a set: only the highest may reach the statement.
    const newest = new Map<string, PooledStory>();
    for (const e of entries) {
      const held = newest.get(e.story.id);
      if (!held || before(held, e)) newest.set(e.story.id, e);
    }
    const list = [...newest.values()];
    const rows = list.map(({ story: s, hubCode, pooledBy, pooledAt, edition }) => ({
      story_id: s.id,
      province_code: province,
      hub_code: hubCode,
      origin_code: s.originCode,
      version: s.version,
      title: s.title,
      summary: s.summary ?? null,
      byline: s.byline,
      category: s.category,
      tags: s.tags,
      region_code: s.regionCode,
      priority: s.priority,
      embargo_until: s.embargoUntil ?? null,
      content_hash: s.contentHash,
      pooled_at: pooledAt,
      pooled_by: pooledBy,
      authors: s.authors.map((a) => a.name),
      topic_id: s.topicId ?? null,
      edition: edition ?? 0,
    }));
    const changedIds: Array<{ story_id: string }> = await m.query(UPSERT_INDEX, [JSON.stringify(rows)]);
    if (changedIds.length === 0) return [];
    const ids = new Set(changedIds.map((r) => r.story_id));
    const changed = list.filter((e) => ids.has(e.story.id));
    // Province-scope search: the text only lives here for searching and highlighting.
    await m.query(
      `INSERT INTO story_index_texts (story_id, title, body)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
       ON CONFLICT (story_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body`,
      [changed.map((e) => e.story.id), changed.map((e) => e.story.title), changed.map((e) => e.story.body)],
    );
    await this.indexForSearch(m, province, changed);
    return changed;
  }

  /** The one place the province's search learns of indexed stories: words and SimHash from the hub when it sent them. */
  private indexForSearch(m: EntityManager, province: string, stories: PooledStory[]): Promise<void> {
    return this.search.indexMany(
      m,
      stories.map(({ story: s, hubCode, pooledAt, text }) => ({
        storyId: s.id,
        scope: province,
        hubCode,
        originCode: s.originCode,
        category: s.category,
        tags: s.tags,
        pooledAt,
        ...(text ? { tokens: text.tokens, simhash: text.simhash } : { title: s.title, body: s.body, summary: s.summary }),
      })),
    );
  }
}

/** Whether `a` is an older (version, edition) than `b`. */
function before(a: PooledStory, b: PooledStory): boolean {
  return a.story.version < b.story.version || (a.story.version === b.story.version && (a.edition ?? 0) < (b.edition ?? 0));
}
