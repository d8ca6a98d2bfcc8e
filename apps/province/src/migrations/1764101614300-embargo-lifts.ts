import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which embargoes (禁发) of indexed stories have been announced as lifted on the desk's live feed:
 * one row per story and embargo time, so each lift is announced once, also by a province app that
 * was down when the embargo passed.
 */
export class EmbargoLifts1764101614300 implements MigrationInterface {
  name = 'EmbargoLifts1764101614300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE embargo_lifts (
        story_id uuid NOT NULL,
        embargo_until timestamptz NOT NULL,
        center_code char(6) NOT NULL,
        announced_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (story_id, embargo_until)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE embargo_lifts`);
  }
}
