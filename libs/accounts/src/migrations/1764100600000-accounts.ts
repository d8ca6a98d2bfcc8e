import { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1764100600000 implements MigrationInterface {
  name = 'Accounts1764100600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY,
        center_code char(6) NOT NULL,
        username text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL,
        password_hash text NOT NULL,
        disabled_at timestamptz,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_center_username UNIQUE (center_code, username)
      )`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL,
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        replaced_by uuid
      )`);
    await q.query(`CREATE INDEX refresh_tokens_live ON refresh_tokens (user_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE refresh_tokens`);
    await q.query(`DROP TABLE users`);
  }
}
