import { searchDdl, searchDrop } from '@syn/chinese-text';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { INDEX_SEARCH_TABLES } from '../index-search/index-search.tables';

export class IndexSearch1764100700300 implements MigrationInterface {
  name = 'IndexSearch1764100700300';

  async up(q: QueryRunner): Promise<void> {
    // The index keeps metadata only; searching needs the words, and highlighting the text, of
    // every pooled story. story.pooled carries the full story, so the index writer keeps it here.
    await q.query(`
      CREATE TABLE story_index_texts (
        story_id uuid PRIMARY KEY REFERENCES story_index (story_id) ON DELETE CASCADE,
        title text NOT NULL,
        body text NOT NULL
      )`);
    for (const stmt of searchDdl(INDEX_SEARCH_TABLES)) await q.query(stmt);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const stmt of searchDrop(INDEX_SEARCH_TABLES)) await q.query(stmt);
    await q.query(`DROP TABLE story_index_texts`);
  }
}
