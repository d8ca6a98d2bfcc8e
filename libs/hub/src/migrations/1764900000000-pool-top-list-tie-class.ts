import { POOL_TOP_LIST_TIE_CLASS_DDL, POOL_TOP_LIST_TIE_CLASS_DROP } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';

/** A pool's top list may hold its cutoff's score class without a row per story (topListTieClassDdl). */
export class PoolTopListTieClass1764900000000 implements MigrationInterface {
  name = 'PoolTopListTieClass1764900000000';

  async up(q: QueryRunner): Promise<void> {
    for (const stmt of POOL_TOP_LIST_TIE_CLASS_DDL) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of POOL_TOP_LIST_TIE_CLASS_DROP) await q.query(stmt);
  }
}
