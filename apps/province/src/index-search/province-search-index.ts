import { Injectable } from '@nestjs/common';
import { ChineseSegmenter } from '@syn/chinese-text';
import { AppEnv } from '@syn/config';
import { SearchableStory, StorySearchIndex } from '@syn/hub';
import { DataSource, EntityManager } from 'typeorm';
import { INDEX_SEARCH_TABLES } from './index-search.tables';

/**
 * The same search as a hub's pool, over every pool of the province: filled from story.pooled (and
 * the province's own pool) by StoryIndexWriter, in the transaction that indexes the story.
 */
@Injectable()
export class ProvinceSearchIndex extends StorySearchIndex {
  constructor(segmenter: ChineseSegmenter, dataSource: DataSource, env: AppEnv) {
    super(INDEX_SEARCH_TABLES, segmenter, dataSource, env);
  }

  /** Indexed stories with a text and no search entry: those indexed before the current search schema. */
  protected override async unindexed(m: EntityManager, limit: number): Promise<SearchableStory[]> {
    const rows: Array<{
      story_id: string;
      province_code: string;
      hub_code: string;
      origin_code: string;
      category: string;
      tags: string[];
      pooled_at: Date;
      title: string;
      body: string;
      summary: string | null;
    }> = await m.query(
      `SELECT i.story_id, i.province_code, i.hub_code, i.origin_code, i.category, i.tags, i.pooled_at, x.title, x.body, i.summary
         FROM story_index_texts x
         JOIN story_index i ON i.story_id = x.story_id
        WHERE NOT EXISTS (SELECT 1 FROM index_search_docs d WHERE d.story_id = x.story_id)
        ORDER BY i.pooled_at
        LIMIT $1`,
      [limit],
    );
    return rows.map((r) => ({
      storyId: r.story_id,
      scope: r.province_code,
      hubCode: r.hub_code,
      originCode: r.origin_code,
      category: r.category,
      tags: r.tags,
      pooledAt: r.pooled_at,
      title: r.title,
      body: r.body,
      summary: r.summary,
    }));
  }
}
