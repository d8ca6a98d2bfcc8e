import type { StoryView } from './story.dto';
import type { StoryEntity } from './story.entity';
import { STORY_STATUS_LABELS, WITHDRAWN_LABEL } from './story-status-labels';

export function toView(s: StoryEntity): StoryView {
  return {
    id: s.id,
    centerCode: s.centerCode,
    version: s.version,
    status: s.status,
    statusLabel: s.withdrawnAt ? WITHDRAWN_LABEL : STORY_STATUS_LABELS[s.status],
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
    embargoUntil: s.embargoUntil?.toISOString() ?? null,
    contentHash: s.contentHash,
    submittedVersion: s.submittedVersion,
    submittedTo: s.submittedTo,
    decisionReason: s.decisionReason,
    decidedBy: s.decidedBy,
    decidedAt: s.decidedAt?.toISOString() ?? null,
    withdrawnAt: s.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: s.withdrawalReason,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
