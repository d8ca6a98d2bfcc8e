import { POOL_RANKED_SEARCH_DDL, POOL_RANKED_SEARCH_DROP } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pool search without hand-made postings: a weighted tsvector per story under GIN, ranked by
 * ts_rank, with top lists for common words kept by a job (docs/search-design.md). Drops the
 * postings, the lexicon and its pending list; the pool is re-indexed at boot.
 */
export class PoolRankedSearch1764101300100 implements MigrationInterface {
  name = 'PoolRankedSearch1764101300100';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of POOL_RANKED_SEARCH_DDL) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of POOL_RANKED_SEARCH_DROP) await q.query(stmt);
  }
}
