import { POOL_SEARCH_DROP, POOL_SEARCH_DDL } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Chinese full-text search over the pool (docs/search-design.md). Stories already pooled are
 * indexed by the app at boot (PoolSearchIndex.backfill), since segmentation runs in the app.
 */
export class PoolSearch1764100700100 implements MigrationInterface {
  name = 'PoolSearch1764100700100';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of POOL_SEARCH_DDL) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of POOL_SEARCH_DROP) await q.query(stmt);
  }
}
