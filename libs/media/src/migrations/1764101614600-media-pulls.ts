import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Media moving down the tree (a release's photos reaching the city, then its counties) are pulled
 * by the child from its parent; they share the transfers queue with the upward pushes, told apart
 * by `pull`. A pull row reads from_center = the parent that holds the bytes, to_center = the
 * hosted center that receives them.
 */
export class MediaPulls1764101614600 implements MigrationInterface {
  name = 'MediaPulls1764101614600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE media_transfers ADD COLUMN pull boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE media_transfers DROP COLUMN pull`);
  }
}
