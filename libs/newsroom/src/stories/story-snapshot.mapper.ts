import type { StorySnapshot } from '@syn/contracts';
import type { StoryEntity } from './story.entity';

export function toSnapshot(s: StoryEntity): StorySnapshot {
  return {
    id: s.id,
    originCode: s.centerCode,
    version: s.version,
    title: s.title,
    summary: s.summary,
    body: s.body,
    byline: s.byline,
    authors: s.authors,
    category: s.category,
    tags: s.tags,
    regionCode: s.regionCode,
    mediaRefs: s.mediaRefs,
    priority: s.priority,
    embargoUntil: s.embargoUntil ? s.embargoUntil.toISOString() : null,
    contentHash: s.contentHash,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
    // Absent rather than null, so a story without a topic travels exactly as before.
    ...(s.topicId ? { topicId: s.topicId } : {}),
  };
}
