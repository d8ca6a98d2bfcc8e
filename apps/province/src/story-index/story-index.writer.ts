import { Injectable } from '@nestjs/common';
import { ProvinceSearchIndex } from '../index-search/province-search-index';
import type { PooledStory, PoolListener } from '@syn/hub';
import type { EntityManager } from 'typeorm';

/**
 * Records a pooled story in the province's index (and its province-scope search), keeping the highest (version, edition) seen:
 * a curator's edition of a version replaces it, a newer version from the origin beats both. Used by the
 * story.pooled handler (city pools) and as a pool listener (the province's own pool). The live feed
 * hears of every change from the table's triggers (IndexLiveFeed migration).
 */
@Injectable()
export class StoryIndexWriter implements PoolListener {
  constructor(private readonly search: ProvinceSearchIndex) {}

  async onPooled(m: EntityManager, e: PooledStory, province?: string): Promise<boolean> {
    const s = e.story;
    const at = province ?? e.hubCode;
    const rows: unknown[] = await m.query(
      `INSERT INTO story_index (story_id, province_code, hub_code, origin_code, version, title, summary, byline, category, tags, region_code, priority, embargo_until, content_hash, pooled_at, pooled_by, authors, topic_id, edition)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19)
       ON CONFLICT (story_id) DO UPDATE SET
         hub_code = EXCLUDED.hub_code, version = EXCLUDED.version, title = EXCLUDED.title, summary = EXCLUDED.summary,
         byline = EXCLUDED.byline, category = EXCLUDED.category, tags = EXCLUDED.tags, region_code = EXCLUDED.region_code,
         priority = EXCLUDED.priority, embargo_until = EXCLUDED.embargo_until, content_hash = EXCLUDED.content_hash,
         pooled_at = EXCLUDED.pooled_at, pooled_by = EXCLUDED.pooled_by, authors = EXCLUDED.authors, topic_id = EXCLUDED.topic_id,
         edition = EXCLUDED.edition, indexed_at = now()
       WHERE (story_index.version, story_index.edition) < (EXCLUDED.version, EXCLUDED.edition)
       RETURNING story_id`,
      [s.id, at, e.hubCode, s.originCode, s.version, s.title, s.summary ?? null, s.byline, s.category, s.tags, s.regionCode, s.priority, s.embargoUntil ?? null, s.contentHash, e.pooledAt, e.pooledBy, s.authors.map((a) => a.name), s.topicId ?? null, e.edition ?? 0],
    );
    if (rows.length === 0) return false;
    // Province-scope search: the text only lives here for searching and highlighting.
    await m.query(
      `INSERT INTO story_index_texts (story_id, title, body) VALUES ($1, $2, $3)
       ON CONFLICT (story_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body`,
      [s.id, s.title, s.body],
    );
    await this.search.index(m, { storyId: s.id, scope: at, hubCode: e.hubCode, originCode: s.originCode, category: s.category, tags: s.tags, pooledAt: e.pooledAt, title: s.title, body: s.body });
    return true;
  }
}
