import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log holds every state change, not only a story's: topics, releases, users, the review
 * policy, points weights and operators' repairs are entries with a subject (`topic:<id>`,
 * `user:<id>`, `review-policy` …) and no story. A center's whole trail is read newest first.
 */
export class AuditSubjects1764101614400 implements MigrationInterface {
  name = 'AuditSubjects1764101614400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_log ALTER COLUMN story_id DROP NOT NULL, ADD COLUMN subject text`);
    await q.query(`ALTER TABLE audit_log ADD CONSTRAINT audit_log_subject_check CHECK (story_id IS NOT NULL OR subject IS NOT NULL)`);
    await q.query(`CREATE INDEX audit_log_center ON audit_log (center_code, at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_log_center`);
    await q.query(`DELETE FROM audit_log WHERE story_id IS NULL`);
    await q.query(`ALTER TABLE audit_log DROP CONSTRAINT audit_log_subject_check, DROP COLUMN subject, ALTER COLUMN story_id SET NOT NULL`);
  }
}
