import { lexiconPendingDdl, lexiconPendingDrop } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { INDEX_SEARCH_TABLES } from '../index-search/index-search.tables';

/** The lexicon counts newly indexed stories instead of recounting the index (docs/search-design.md). */
export class IndexLexiconPending1764100800600 implements MigrationInterface {
  name = 'IndexLexiconPending1764100800600';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of lexiconPendingDdl(INDEX_SEARCH_TABLES)) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of lexiconPendingDrop(INDEX_SEARCH_TABLES)) await q.query(stmt);
  }
}
