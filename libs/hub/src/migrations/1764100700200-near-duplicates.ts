import { MigrationInterface, QueryRunner } from 'typeorm';

export class NearDuplicates1764100700200 implements MigrationInterface {
  name = 'NearDuplicates1764100700200';

  async up(q: QueryRunner): Promise<void> {
    // What near-duplicate detection and review-queue search need of each submitted version:
    // its SimHash (bands under GIN, like the pool's) and its words (title words apart, so a
    // title hit ranks first).
    await q.query(`
      CREATE TABLE submission_fingerprints (
        story_id uuid PRIMARY KEY REFERENCES submissions (story_id) ON DELETE CASCADE,
        hub_code char(6) NOT NULL,
        version int NOT NULL,
        category text NOT NULL,
        tags text[] NOT NULL,
        simhash bigint NOT NULL,
        simhash_bands int[] NOT NULL,
        lexemes tsvector NOT NULL,
        title_lexemes tsvector NOT NULL
      )`);
    await q.query(`CREATE INDEX submission_fingerprints_bands ON submission_fingerprints USING gin (simhash_bands)`);
    await q.query(`CREATE INDEX submission_fingerprints_lexemes ON submission_fingerprints USING gin (lexemes)`);
    // A family: stories of one hub (queued or pooled) that are near-duplicates of each other,
    // grouped transitively. merged_into: the pool story a merge folded this one into.
    await q.query(`
      CREATE TABLE story_family_members (
        hub_code char(6) NOT NULL,
        story_id uuid NOT NULL,
        family_id uuid NOT NULL,
        joined_at timestamptz NOT NULL DEFAULT now(),
        merged_into uuid,
        PRIMARY KEY (hub_code, story_id)
      )`);
    await q.query(`CREATE INDEX story_family_members_family ON story_family_members (hub_code, family_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE story_family_members`);
    await q.query(`DROP TABLE submission_fingerprints`);
  }
}
