import type { StoryEntity } from './story.entity';

/** Columns of `stories` in the order the hot paths write them with plain SQL. */
export const STORY_COLUMNS = [
  'id', 'center_code', 'version', 'status', 'title', 'summary', 'body', 'byline', 'authors', 'category', 'tags', 'region_code',
  'media_refs', 'priority', 'embargo_until', 'content_hash', 'submitted_version', 'submitted_to', 'submitted_at',
  'decision_reason', 'decided_by', 'decided_at', 'created_by', 'created_at', 'updated_at',
] as const;

/** Parameter values for STORY_COLUMNS; json columns go as JSON text. */
export function storyRowValues(s: StoryEntity): unknown[] {
  return [
    s.id, s.centerCode, s.version, s.status, s.title, s.summary, s.body, s.byline, JSON.stringify(s.authors), s.category, s.tags, s.regionCode,
    JSON.stringify(s.mediaRefs), s.priority, s.embargoUntil, s.contentHash, s.submittedVersion, s.submittedTo, s.submittedAt,
    s.decisionReason, s.decidedBy, s.decidedAt, s.createdBy, s.createdAt, s.updatedAt,
  ];
}

/** A `stories` row as node-postgres returns it (jsonb parsed, text[] as arrays, timestamptz as Date). */
export function storyFromRow(r: Record<string, any>): StoryEntity {
  return {
    id: r.id,
    centerCode: r.center_code,
    version: r.version,
    status: r.status,
    title: r.title,
    summary: r.summary,
    body: r.body,
    byline: r.byline,
    authors: r.authors,
    category: r.category,
    tags: r.tags,
    regionCode: r.region_code,
    mediaRefs: r.media_refs,
    priority: r.priority,
    embargoUntil: r.embargo_until,
    contentHash: r.content_hash,
    submittedVersion: r.submitted_version,
    submittedTo: r.submitted_to,
    submittedAt: r.submitted_at,
    decisionReason: r.decision_reason,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
