import { Injectable } from '@nestjs/common';
import { ChineseSegmenter, POOL_SEARCH_TABLES } from '@syn/chinese-text';
import { AppEnv } from '@syn/config';
import { DataSource, EntityManager } from 'typeorm';
import { SearchableStory, StorySearchIndex } from './story-search-index';

/** Search over this process's hub pools (pool_stories), one scope per hub. */
@Injectable()
export class PoolSearchIndex extends StorySearchIndex {
  constructor(segmenter: ChineseSegmenter, dataSource: DataSource, env: AppEnv) {
    super(POOL_SEARCH_TABLES, segmenter, dataSource, env);
  }

  /** Pooled stories without a search entry: those pooled before search was deployed. */
  protected override async unindexed(m: EntityManager, limit: number): Promise<SearchableStory[]> {
    const rows: Array<{
      story_id: string;
      hub_code: string;
      origin_code: string;
      category: string;
      tags: string[];
      pooled_at: Date;
      title: string;
      body: string;
    }> = await m.query(
      `SELECT p.story_id, p.hub_code, p.origin_code, p.category, p.tags, p.pooled_at, p.title, p.body
         FROM pool_stories p
        WHERE NOT EXISTS (SELECT 1 FROM pool_search_docs d WHERE d.story_id = p.story_id)
        ORDER BY p.pooled_at
        LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      storyId: r.story_id,
      scope: r.hub_code,
      hubCode: r.hub_code,
      originCode: r.origin_code,
      category: r.category,
      tags: r.tags,
      pooledAt: r.pooled_at,
      title: r.title,
      body: r.body,
    }));
  }
}
