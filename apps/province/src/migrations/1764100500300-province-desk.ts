import { MigrationInterface, QueryRunner } from 'typeorm';

export class ProvinceDesk1764100500300 implements MigrationInterface {
  name = 'ProvinceDesk1764100500300';

  async up(q: QueryRunner): Promise<void> {
    // Credited authors (for the ledger when the desk adopts) and the topic a story answers.
    await q.query(`ALTER TABLE story_index ADD COLUMN authors text[] NOT NULL DEFAULT '{}'`);
    await q.query(`ALTER TABLE story_index ADD COLUMN topic_id uuid`);
    // 推荐 from a city hub. Kept apart from the index so that a recommendation arriving before
    // the story itself is not lost; the desk sees it as soon as both are there.
    await q.query(`
      CREATE TABLE story_recommendations (
        story_id uuid PRIMARY KEY,
        province_code char(6) NOT NULL,
        hub_code char(6) NOT NULL,
        note text,
        recommended_by text NOT NULL,
        recommended_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX story_recommendations_province ON story_recommendations (province_code, recommended_at DESC)`);
    // 稿酬 weights per adoption level, set by each province; defaults apply until an admin sets them.
    await q.query(`
      CREATE TABLE points_weights (
        province_code char(6) PRIMARY KEY,
        province_weight int NOT NULL CHECK (province_weight >= 0),
        city_weight int NOT NULL CHECK (city_weight >= 0),
        republish_weight int NOT NULL CHECK (republish_weight >= 0),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE points_weights`);
    await q.query(`DROP TABLE story_recommendations`);
    await q.query(`ALTER TABLE story_index DROP COLUMN topic_id`);
    await q.query(`ALTER TABLE story_index DROP COLUMN authors`);
  }
}
