import { rankedSearchDdl, rankedSearchDrop } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { INDEX_SEARCH_TABLES } from '../index-search/index-search.tables';

/**
 * Province search without hand-made postings (docs/search-design.md): drops the postings, the
 * lexicon and its pending list; the index is re-indexed at boot from story_index_texts.
 */
export class IndexRankedSearch1764101300200 implements MigrationInterface {
  name = 'IndexRankedSearch1764101300200';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of rankedSearchDdl(INDEX_SEARCH_TABLES)) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of rankedSearchDrop(INDEX_SEARCH_TABLES)) await q.query(stmt);
  }
}
