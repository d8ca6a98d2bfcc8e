import type { StorySnapshot } from '@syn/contracts';
import type { GrpcStory } from '@syn/grpc';
import type { PoolRow, PoolStoryEntity } from './pool-story.entity';

export function poolRowFromSnapshot(s: StorySnapshot, hubCode: string, pooledBy: string, pooledAt: Date): PoolRow {
  return {
    storyId: s.id,
    hubCode,
    originCode: s.originCode,
    version: s.version,
    title: s.title,
    summary: s.summary ?? null,
    body: s.body,
    byline: s.byline,
    authors: s.authors,
    category: s.category,
    tags: s.tags,
    regionCode: s.regionCode,
    mediaRefs: s.mediaRefs,
    priority: s.priority,
    embargoUntil: s.embargoUntil ? new Date(s.embargoUntil) : null,
    contentHash: s.contentHash,
    createdAt: new Date(s.createdAt),
    updatedAt: new Date(s.updatedAt),
    pooledAt,
    pooledBy,
    edition: 0,
    originalTitle: s.title,
    originalSummary: s.summary ?? null,
    originalTags: s.tags,
    editedBy: null,
    editedAt: null,
  };
}

export function snapshotFromPoolRow(p: PoolStoryEntity): StorySnapshot {
  return {
    id: p.storyId,
    originCode: p.originCode,
    version: p.version,
    title: p.title,
    summary: p.summary,
    body: p.body,
    byline: p.byline,
    authors: p.authors,
    category: p.category,
    tags: p.tags,
    regionCode: p.regionCode,
    mediaRefs: p.mediaRefs,
    priority: p.priority as StorySnapshot['priority'],
    embargoUntil: p.embargoUntil?.toISOString() ?? null,
    contentHash: p.contentHash,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function grpcStoryFromPoolRow(p: PoolStoryEntity): GrpcStory {
  return {
    id: p.storyId,
    originCode: p.originCode,
    hubCode: p.hubCode,
    version: p.version,
    title: p.title,
    summary: p.summary ?? '',
    body: p.body,
    byline: p.byline,
    authors: p.authors.map((a) => ({ name: a.name, role: a.role ?? '' })),
    category: p.category,
    tags: p.tags,
    regionCode: p.regionCode,
    mediaRefs: p.mediaRefs.map((m) => ({ url: m.url, kind: m.kind, caption: m.caption ?? '' })),
    priority: p.priority,
    embargoUntil: p.embargoUntil?.toISOString() ?? '',
    contentHash: p.contentHash,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    pooledAt: p.pooledAt.toISOString(),
    pooledBy: p.pooledBy,
  };
}
