import { POOL_POSTINGS_CLEANUP_DDL, POOL_POSTINGS_CLEANUP_DROP } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** Postings leave with their story by a delete trigger, not a foreign key checked on every insert (docs/search-design.md). */
export class PoolPostingsCleanupTrigger1764100800100 implements MigrationInterface {
  name = 'PoolPostingsCleanupTrigger1764100800100';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of POOL_POSTINGS_CLEANUP_DDL) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of POOL_POSTINGS_CLEANUP_DROP) await q.query(stmt);
  }
}
