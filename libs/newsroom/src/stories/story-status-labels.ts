import type { StoryStatus } from './story.entity';

/** What a county editor reads on the desk. */
export const STORY_STATUS_LABELS: Record<StoryStatus, string> = {
  draft: '草稿',
  submitted: '已上报，待审核',
  accepted: '已入库',
  rejected: '已退稿',
  returned: '退回修改',
};

/** Shown instead of the review status once a story is withdrawn. */
export const WITHDRAWN_LABEL = '已撤稿';
