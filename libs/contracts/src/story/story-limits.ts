/** Documented limits of a story; HTTP rejects larger input with 413/400, the bus dead-letters it. */
export const STORY_LIMITS = {
  titleChars: 200,
  summaryChars: 1000,
  bodyChars: 200_000,
  bylineChars: 200,
  tags: 20,
  tagChars: 30,
  authors: 20,
  mediaRefs: 50,
  categoryChars: 30,
  eventBytes: 900 * 1024,
} as const;

export const PRIORITIES = ['routine', 'normal', 'urgent', 'flash'] as const;
export type Priority = (typeof PRIORITIES)[number];
