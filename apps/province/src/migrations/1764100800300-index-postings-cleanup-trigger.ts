import { postingsCleanupDdl, postingsCleanupDrop } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { INDEX_SEARCH_TABLES } from '../index-search/index-search.tables';

/** Postings leave with their story by a delete trigger, not a foreign key checked on every insert (docs/search-design.md). */
export class IndexPostingsCleanupTrigger1764100800300 implements MigrationInterface {
  name = 'IndexPostingsCleanupTrigger1764100800300';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of postingsCleanupDdl(INDEX_SEARCH_TABLES)) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of postingsCleanupDrop(INDEX_SEARCH_TABLES)) await q.query(stmt);
  }
}
