import { POOL_SIMHASH_BANDS_DDL, POOL_SIMHASH_BANDS_DROP } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SUBMISSION_BANDS_DDL, SUBMISSION_BANDS_DROP } from '../near-duplicates/submission-near-duplicates.sql';

/**
 * Near-duplicate lookups read SimHash bands from narrow tables of their own (pool_search_bands,
 * submission_bands) instead of GIN indexes over the wide rows' band arrays; the band rows of
 * what is already indexed are copied in, and the GIN indexes dropped.
 */
export class SimhashBandTables1764550100000 implements MigrationInterface {
  name = 'SimhashBandTables1764550100000';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of [...POOL_SIMHASH_BANDS_DDL, ...SUBMISSION_BANDS_DDL]) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of [...SUBMISSION_BANDS_DROP, ...POOL_SIMHASH_BANDS_DROP]) await q.query(stmt);
  }
}
