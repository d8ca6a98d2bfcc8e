import { snapshotFromPoolRow } from './pool-story.mapper';
import type { PoolStoryEntity } from './pool-story.entity';

/** A pooled story as desks see it: the (possibly curated) text, the origin's own text, and who did what. */
export function poolView(p: PoolStoryEntity) {
  return {
    ...snapshotFromPoolRow(p),
    hubCode: p.hubCode,
    pooledAt: p.pooledAt.toISOString(),
    pooledBy: p.pooledBy,
    edition: p.edition,
    editedBy: p.editedBy,
    editedAt: p.editedAt?.toISOString() ?? null,
    original: { title: p.originalTitle, summary: p.originalSummary, tags: p.originalTags },
    recommendation: p.recommendedAt ? { recommendedBy: p.recommendedBy, recommendedAt: p.recommendedAt.toISOString(), note: p.recommendNote } : null,
  };
}
