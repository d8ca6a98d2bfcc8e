import { MigrationInterface, QueryRunner } from 'typeorm';

export class MediaTables1764101500000 implements MigrationInterface {
  name = 'MediaTables1764101500000';

  async up(q: QueryRunner): Promise<void> {
    // One row per distinct bytes this app holds, whichever centers and stories name them.
    await q.query(`
      CREATE TABLE media_objects (
        sha256 char(64) PRIMARY KEY,
        size bigint NOT NULL CHECK (size >= 0),
        mime text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('image','video','audio','document')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','processing','ready','failed')),
        progress int NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        probe jsonb,
        error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Which hosted center holds which object; uploaded = the center's own upload (its users may use it before any story names it).
    await q.query(`
      CREATE TABLE media_holdings (
        center_code char(6) NOT NULL,
        sha256 char(64) NOT NULL REFERENCES media_objects (sha256) ON DELETE CASCADE,
        uploaded boolean NOT NULL,
        uploaded_by text,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (center_code, sha256)
      )`);
    await q.query(`CREATE INDEX media_holdings_sha ON media_holdings (sha256)`);
    // Derived files (thumbnail, web size, WebP, poster), stored in the same content-addressed store.
    await q.query(`
      CREATE TABLE media_renditions (
        sha256 char(64) NOT NULL REFERENCES media_objects (sha256) ON DELETE CASCADE,
        name text NOT NULL,
        rendition_sha256 char(64) NOT NULL,
        mime text NOT NULL,
        size bigint NOT NULL,
        width int,
        height int,
        PRIMARY KEY (sha256, name)
      )`);
    await q.query(`CREATE INDEX media_renditions_rendition ON media_renditions (rendition_sha256)`);
    // A story's media at a center, with what access needs (embargo, origin) so serving never has to ask the story's own tables.
    await q.query(`
      CREATE TABLE media_links (
        center_code char(6) NOT NULL,
        story_id uuid NOT NULL,
        sha256 char(64) NOT NULL,
        origin_code char(6) NOT NULL,
        kind text NOT NULL,
        caption text,
        embargo_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (center_code, story_id, sha256)
      )`);
    await q.query(`CREATE INDEX media_links_sha ON media_links (sha256)`);
    await q.query(`CREATE INDEX media_links_story ON media_links (story_id)`);
    // Processing off the request: one open job per object; the worker claims with SKIP LOCKED.
    await q.query(`
      CREATE TABLE media_jobs (
        id bigserial PRIMARY KEY,
        sha256 char(64) NOT NULL REFERENCES media_objects (sha256) ON DELETE CASCADE,
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','running','done','failed')),
        attempts int NOT NULL DEFAULT 0,
        run_after timestamptz NOT NULL DEFAULT now(),
        error text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX media_jobs_open ON media_jobs (sha256) WHERE state IN ('queued','running')`);
    // Media on their way to a neighbour, written in the transaction of the event that names them;
    // retried with backoff until the receiver has verified the hash.
    await q.query(`
      CREATE TABLE media_transfers (
        id bigserial PRIMARY KEY,
        from_center char(6) NOT NULL,
        to_center char(6) NOT NULL,
        story_id uuid NOT NULL,
        sha256 char(64) NOT NULL,
        origin_code char(6) NOT NULL,
        kind text NOT NULL,
        caption text,
        embargo_until timestamptz,
        state text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','done','cancelled')),
        attempts int NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_bytes bigint NOT NULL DEFAULT 0,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        UNIQUE (from_center, to_center, story_id, sha256)
      )`);
    await q.query(`CREATE INDEX media_transfers_due ON media_transfers (next_attempt_at) WHERE state = 'queued'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE media_transfers, media_jobs, media_links, media_renditions, media_holdings, media_objects`);
  }
}
