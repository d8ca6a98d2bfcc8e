import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1764100310000 implements MigrationInterface {
  name = 'AuditLog1764100310000';

  async up(q: QueryRunner): Promise<void> {
    // Append-only: rows are written in the transaction of the change they describe, never updated.
    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY,
        center_code char(6) NOT NULL,
        story_id uuid NOT NULL,
        actor text NOT NULL,
        actor_name text NOT NULL,
        actor_center char(6) NOT NULL,
        action text NOT NULL,
        before jsonb,
        after jsonb,
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX audit_log_story ON audit_log (center_code, story_id, at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE audit_log`);
  }
}
