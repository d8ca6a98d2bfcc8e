import { topListTieClassDdl, topListTieClassDrop } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { INDEX_SEARCH_TABLES } from '../index-search/index-search.tables';

/** The index's top lists may hold their cutoff's score class, as the pools' do (topListTieClassDdl). */
export class IndexTopListTieClass1764900000100 implements MigrationInterface {
  name = 'IndexTopListTieClass1764900000100';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of topListTieClassDdl(INDEX_SEARCH_TABLES)) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of topListTieClassDrop(INDEX_SEARCH_TABLES)) await q.query(stmt);
  }
}
