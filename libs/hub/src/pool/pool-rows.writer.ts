import type { EntityManager } from 'typeorm';
import type { PoolRow } from './pool-story.entity';

/** The pool's columns an acceptance writes; a recommendation (recommended_*) outlives a new version. */
const POOL_COLUMNS = [
  'story_id',
  'hub_code',
  'origin_code',
  'version',
  'title',
  'summary',
  'body',
  'byline',
  'authors',
  'category',
  'tags',
  'region_code',
  'media_refs',
  'priority',
  'embargo_until',
  'content_hash',
  'created_at',
  'updated_at',
  'pooled_at',
  'pooled_by',
  'edition',
  'original_title',
  'original_summary',
  'original_tags',
  'edited_by',
  'edited_at',
] as const;

const SQL = `INSERT INTO pool_stories (${POOL_COLUMNS.join(', ')})
  SELECT ${POOL_COLUMNS.join(', ')} FROM json_populate_recordset(NULL::pool_stories, $1::json)
  ON CONFLICT (story_id) DO UPDATE SET ${POOL_COLUMNS.filter((c) => c !== 'story_id')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

/**
 * Inserts or replaces pool rows in one statement, however many (TypeORM's insert builder cost a
 * statement and its hydration per row). At most one row per story: a statement may not touch a row twice.
 */
export async function writePoolRows(m: EntityManager, rows: PoolRow[]): Promise<void> {
  if (rows.length === 0) return;
  const byStory = new Map(rows.map((r) => [r.storyId, r]));
  await m.query(SQL, [JSON.stringify([...byStory.values()].map(columnsOf))]);
}

function columnsOf(p: PoolRow): Record<(typeof POOL_COLUMNS)[number], unknown> {
  return {
    story_id: p.storyId,
    hub_code: p.hubCode,
    origin_code: p.originCode,
    version: p.version,
    title: p.title,
    summary: p.summary,
    body: p.body,
    byline: p.byline,
    authors: p.authors,
    category: p.category,
    tags: p.tags,
    region_code: p.regionCode,
    media_refs: p.mediaRefs,
    priority: p.priority,
    embargo_until: p.embargoUntil,
    content_hash: p.contentHash,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    pooled_at: p.pooledAt,
    pooled_by: p.pooledBy,
    edition: p.edition,
    original_title: p.originalTitle,
    original_summary: p.originalSummary,
    original_tags: p.originalTags,
    edited_by: p.editedBy,
    edited_at: p.editedAt,
  };
}
