import type { StoryView } from './story.dto';
import { toSnapshot } from './story-snapshot.mapper';
import type { StoryEntity } from './story.entity';
import { STORY_STATUS_LABELS, WITHDRAWN_LABEL } from './story-status-labels';

export function toView(s: StoryEntity): StoryView {
  const { originCode, ...snapshot } = toSnapshot(s);
  return {
    ...snapshot,
    summary: snapshot.summary ?? null,
    embargoUntil: snapshot.embargoUntil ?? null,
    centerCode: originCode,
    status: s.status,
    statusLabel: s.withdrawnAt ? WITHDRAWN_LABEL : STORY_STATUS_LABELS[s.status],
    topicId: s.topicId ?? null,
    submittedVersion: s.submittedVersion,
    submittedTo: s.submittedTo,
    decisionReason: s.decisionReason,
    decidedBy: s.decidedBy,
    decidedAt: s.decidedAt?.toISOString() ?? null,
    withdrawnAt: s.withdrawnAt?.toISOString() ?? null,
    withdrawalReason: s.withdrawalReason,
  };
}
