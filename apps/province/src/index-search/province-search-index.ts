import { Injectable } from '@nestjs/common';
import { ChineseSegmenter } from '@syn/chinese-text';
import { AppEnv } from '@syn/config';
import { StorySearchIndex } from '@syn/hub';
import { DataSource } from 'typeorm';
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
}
