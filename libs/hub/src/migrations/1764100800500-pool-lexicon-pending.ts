import { POOL_LEXICON_PENDING_DDL, POOL_LEXICON_PENDING_DROP } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** The lexicon counts newly indexed stories instead of recounting the pool (docs/search-design.md). */
export class PoolLexiconPending1764100800500 implements MigrationInterface {
  name = 'PoolLexiconPending1764100800500';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of POOL_LEXICON_PENDING_DDL) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of POOL_LEXICON_PENDING_DROP) await q.query(stmt);
  }
}
