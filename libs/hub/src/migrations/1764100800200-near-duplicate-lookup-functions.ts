import { POOL_NEAR_DUPLICATE_FUNCTION_DDL, POOL_NEAR_DUPLICATE_FUNCTION_DROP } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { SUBMISSION_NEAR_DUPLICATES_DDL, SUBMISSION_NEAR_DUPLICATES_DROP } from '../near-duplicates/submission-near-duplicates.sql';

/** The two near-duplicate lookups as functions that always use the band index, kept free of a pending list (docs/search-design.md). */
export class NearDuplicateLookupFunctions1764100800200 implements MigrationInterface {
  name = 'NearDuplicateLookupFunctions1764100800200';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of [...POOL_NEAR_DUPLICATE_FUNCTION_DDL, ...SUBMISSION_NEAR_DUPLICATES_DDL]) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of [...POOL_NEAR_DUPLICATE_FUNCTION_DROP, ...SUBMISSION_NEAR_DUPLICATES_DROP]) await q.query(stmt);
  }
}
