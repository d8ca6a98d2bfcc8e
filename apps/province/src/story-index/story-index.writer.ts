import { Injectable } from '@nestjs/common';
import type { StorySnapshot } from '@syn/contracts';
import type { PoolListener } from '@syn/hub';
import type { EntityManager } from 'typeorm';

export interface PooledEntry {
  story: StorySnapshot;
  hubCode: string;
  pooledBy: string;
  pooledAt: Date;
}

/**
 * Records pooled stories in the province's index, keeping the highest version seen. Used by the
 * story.pooled handler (city pools, a batch at a time) and as a pool listener (the province's own pool).
 */
@Injectable()
export class StoryIndexWriter implements PoolListener {
  async onPooled(m: EntityManager, e: PooledEntry, province?: string): Promise<boolean> {
    return (await this.indexMany(m, [e], province ?? e.hubCode)).length > 0;
  }

  /** One statement for the lot; returns the ids whose entry changed. */
  async indexMany(m: EntityManager, entries: PooledEntry[], province: string): Promise<string[]> {
    // Two versions of one story in a set: only the newer one may reach the statement.
    const newest = new Map<string, PooledEntry>();
    for (const e of entries) {
      const held = newest.get(e.story.id);
      if (!held || held.story.version < e.story.version) newest.set(e.story.id, e);
    }
    const rows = [...newest.values()].map(({ story: s, hubCode, pooledBy, pooledAt }) => ({
      story_id: s.id, province_code: province, hub_code: hubCode, origin_code: s.originCode, version: s.version, title: s.title,
      summary: s.summary ?? null, byline: s.byline, category: s.category, tags: s.tags, region_code: s.regionCode, priority: s.priority,
      embargo_until: s.embargoUntil ?? null, content_hash: s.contentHash, pooled_at: pooledAt, pooled_by: pooledBy,
    }));
    const changed: Array<{ story_id: string }> = await m.query(
      `INSERT INTO story_index (${COLUMNS.join(', ')})
       SELECT ${COLUMNS.join(', ')} FROM json_populate_recordset(NULL::story_index, $1::json)
       ON CONFLICT (story_id) DO UPDATE SET
         hub_code = EXCLUDED.hub_code, version = EXCLUDED.version, title = EXCLUDED.title, summary = EXCLUDED.summary,
         byline = EXCLUDED.byline, category = EXCLUDED.category, tags = EXCLUDED.tags, region_code = EXCLUDED.region_code,
         priority = EXCLUDED.priority, embargo_until = EXCLUDED.embargo_until, content_hash = EXCLUDED.content_hash,
         pooled_at = EXCLUDED.pooled_at, pooled_by = EXCLUDED.pooled_by, indexed_at = now()
       WHERE story_index.version < EXCLUDED.version
       RETURNING story_id`,
      [JSON.stringify(rows)],
    );
    return changed.map((r) => r.story_id);
  }
}

const COLUMNS = [
  'story_id', 'province_code', 'hub_code', 'origin_code', 'version', 'title', 'summary', 'byline', 'category', 'tags',
  'region_code', 'priority', 'embargo_until', 'content_hash', 'pooled_at', 'pooled_by',
];
