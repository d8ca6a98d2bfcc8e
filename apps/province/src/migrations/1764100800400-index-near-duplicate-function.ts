import { nearDuplicateFunctionDdl, nearDuplicateFunctionDrop } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { INDEX_SEARCH_TABLES } from '../index-search/index-search.tables';

/** The index's near-duplicate lookup, as the hub's pool has it (the search index serves both). */
export class IndexNearDuplicateFunction1764100800400 implements MigrationInterface {
  name = 'IndexNearDuplicateFunction1764100800400';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of nearDuplicateFunctionDdl(INDEX_SEARCH_TABLES)) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of nearDuplicateFunctionDrop(INDEX_SEARCH_TABLES)) await q.query(stmt);
  }
}
