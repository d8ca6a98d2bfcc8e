import type { Me } from './services/types';

/**
 * The one place that decides what the signed-in user may see and do. It reads only the action
 * names /auth/me returns, which the server derives from its access matrix: the desk keeps no
 * second table of roles. Pages ask `access.can('story.submit')` or use a flag below; a forbidden
 * action is not shown at all.
 */
export interface Access {
  can(action: string): boolean;
  /** Any of the actions. */
  canAny(...actions: string[]): boolean;
  canListStories: boolean;
  canWriteStory: boolean;
  canSubmitStory: boolean;
  canSignReview: boolean;
  canReviewQueue: boolean;
  canPool: boolean;
  canIndex: boolean;
  canTopics: boolean;
  canReleases: boolean;
  canStatistics: boolean;
  canManageUsers: boolean;
  canLiveFeed: boolean;
}

export function accessOf(me: Me | null): Access {
  const actions = new Set(me?.actions ?? []);
  const can = (a: string) => actions.has(a);
  return {
    can,
    canAny: (...a: string[]) => a.some(can),
    canListStories: can('story.list'),
    canWriteStory: can('story.create'),
    canSubmitStory: can('story.submit'),
    canSignReview: can('countyReview.sign'),
    canReviewQueue: can('review.list'),
    canPool: can('pool.list'),
    canIndex: can('index.list'),
    canTopics: can('topics.list'),
    canReleases: can('releases.list'),
    canStatistics: can('statistics.monthly'),
    canManageUsers: can('users.list'),
    canLiveFeed: can('liveFeed.watch'),
  };
}
