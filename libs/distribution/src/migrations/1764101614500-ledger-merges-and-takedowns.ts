import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The ledger learns two facts: a story merged into a near-duplicate family's kept story (so its
 * county shares the family's credit) and a takedown (so the story's points are reversed without
 * rewriting the entries that earned them).
 */
export class LedgerMergesAndTakedowns1764101614500 implements MigrationInterface {
  name = 'LedgerMergesAndTakedowns1764101614500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check`);
    await q.query(
      `ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN ('submitted','accepted','rejected','adopted','republished','topic-answered','merged','withdrawn'))`,
    );
    await q.query(`CREATE INDEX ledger_entries_ref ON ledger_entries (center_code, ref_id) WHERE kind = 'merged'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ledger_entries_ref`);
    await q.query(`ALTER TABLE ledger_entries DROP CONSTRAINT ledger_entries_kind_check`);
    await q.query(
      `ALTER TABLE ledger_entries ADD CONSTRAINT ledger_entries_kind_check CHECK (kind IN ('submitted','accepted','rejected','adopted','republished','topic-answered'))`,
    );
  }
}
