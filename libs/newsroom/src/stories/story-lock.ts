import { NotFoundException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StoryEntity } from './story.entity';

/**
 * The story row, locked for the rest of the transaction, as an entity. Plain SQL and a
 * column-by-column copy: every edit, sign-off and 上报 starts here, and TypeORM's find with a
 * lock (query builder, alias mapping, hydration) cost several times the statement itself. The
 * driver already parses what the columns hold (timestamptz, jsonb, text[]), as TypeORM would.
 */
export async function lockStory(m: EntityManager, center: string, id: string): Promise<StoryEntity> {
  const rows: Array<Record<string, unknown>> = await m.query(`SELECT * FROM stories WHERE id = $1 AND center_code = $2 FOR UPDATE`, [id, center]);
  if (!rows[0]) throw new NotFoundException(`story ${id} not found at center ${center}`);
  return storyOfRow(m, rows[0]);
}

/** A `SELECT *` row of stories as an entity; columns the entity does not map are left out. */
export function storyOfRow(m: EntityManager, row: Record<string, unknown>): StoryEntity {
  const story = new StoryEntity();
  for (const c of m.connection.getMetadata(StoryEntity).columns) (story as unknown as Record<string, unknown>)[c.propertyName] = row[c.databaseName];
  return story;
}
