import { simhashBandsDdl, simhashBandsDrop } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { INDEX_SEARCH_TABLES } from '../index-search/index-search.tables';

/** The province's near-duplicate lookup reads SimHash bands from a narrow table (simhashBandsDdl), as the hubs' does. */
export class IndexSimhashBands1764550100100 implements MigrationInterface {
  name = 'IndexSimhashBands1764550100100';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of simhashBandsDdl(INDEX_SEARCH_TABLES)) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of simhashBandsDrop(INDEX_SEARCH_TABLES)) await q.query(stmt);
  }
}
