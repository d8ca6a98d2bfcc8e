import { MigrationInterface, QueryRunner } from 'typeorm';

export class Distribution1764100500100 implements MigrationInterface {
  name = 'Distribution1764100500100';

  async up(q: QueryRunner): Promise<void> {
    // The contribution ledger (稿件台账): every figure of the monthly statistics is computed from it.
    await q.query(`
      CREATE TABLE ledger_entries (
        center_code char(6) NOT NULL,
        entry_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('submitted','accepted','rejected','adopted','republished','topic-answered')),
        story_id uuid NOT NULL,
        story_version int NOT NULL,
        origin_code char(6) NOT NULL,
        authors text[] NOT NULL DEFAULT '{}',
        level text CHECK (level IN ('province','city')),
        channel text,
        actor_code char(6) NOT NULL,
        ref_id uuid,
        recorded_by char(6) NOT NULL,
        occurred_at timestamptz NOT NULL,
        appended_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (center_code, entry_id)
      )`);
    await q.query(`CREATE INDEX ledger_entries_time ON ledger_entries (center_code, occurred_at)`);
    await q.query(`CREATE INDEX ledger_entries_story ON ledger_entries (center_code, story_id)`);
    // Pay is computed from this table: the database itself refuses to let anyone rewrite history.
    await q.query(`
      CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger_entries is append-only: % refused', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
      FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()`);

    await q.query(`
      CREATE TABLE adoptions (
        adoption_id uuid PRIMARY KEY,
        adopter_code char(6) NOT NULL,
        story_id uuid NOT NULL,
        story_version int NOT NULL,
        story_title text NOT NULL,
        origin_code char(6) NOT NULL,
        hub_code char(6) NOT NULL,
        channel text NOT NULL,
        adopted_by text NOT NULL,
        adopted_at timestamptz NOT NULL,
        UNIQUE (adopter_code, story_id, channel)
      )`);
    await q.query(`CREATE INDEX adoptions_adopter ON adoptions (adopter_code, adopted_at DESC, adoption_id DESC)`);

    await q.query(`
      CREATE TABLE topics (
        topic_id uuid PRIMARY KEY,
        issuer_code char(6) NOT NULL,
        title text NOT NULL,
        brief text NOT NULL,
        deadline timestamptz NOT NULL,
        targets text[] NOT NULL,
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX topics_issuer ON topics (issuer_code, issued_at DESC, topic_id DESC)`);
    await q.query(`
      CREATE TABLE topic_answers (
        topic_id uuid NOT NULL REFERENCES topics (topic_id),
        answerer_code char(6) NOT NULL,
        story_id uuid NOT NULL,
        story_title text NOT NULL,
        answered_by text NOT NULL,
        answered_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (topic_id, answerer_code, story_id)
      )`);

    await q.query(`
      CREATE TABLE releases (
        release_id uuid PRIMARY KEY,
        issuer_code char(6) NOT NULL,
        revision int NOT NULL,
        story jsonb NOT NULL,
        note text,
        targets text[] NOT NULL,
        status text NOT NULL CHECK (status IN ('active','withdrawn')),
        issued_by text NOT NULL,
        issued_at timestamptz NOT NULL,
        revised_at timestamptz NOT NULL,
        withdrawn_by text,
        withdrawn_at timestamptz,
        withdraw_reason text
      )`);
    await q.query(`CREATE INDEX releases_issuer ON releases (issuer_code, issued_at DESC, release_id DESC)`);
    await q.query(`
      CREATE TABLE release_receipts (
        release_id uuid NOT NULL REFERENCES releases (release_id),
        republisher_code char(6) NOT NULL,
        republished_by text NOT NULL,
        republished_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (release_id, republisher_code)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE release_receipts`);
    await q.query(`DROP TABLE releases`);
    await q.query(`DROP TABLE topic_answers`);
    await q.query(`DROP TABLE topics`);
    await q.query(`DROP TABLE adoptions`);
    await q.query(`DROP TABLE ledger_entries`);
    await q.query(`DROP FUNCTION ledger_entries_append_only`);
  }
}
