import type { StorySnapshot } from '@syn/contracts';
import { contentHash } from '@syn/story';
import { v7 as uuidv7 } from 'uuid';

/** A valid snapshot (hash included) of a story from `originCode`, for events forged by tests. */
export function makeSnapshot(originCode: string, over: Partial<StorySnapshot> = {}): StorySnapshot {
  const now = new Date().toISOString();
  const base = {
    title: '测试稿件',
    summary: null,
    body: '<p>测试正文。</p>',
    byline: '记者 测试',
    authors: [{ name: '测试', role: 'reporter' as const }],
    category: '时政',
    tags: ['测试'],
    regionCode: originCode,
    mediaRefs: [],
    priority: 'normal' as const,
    embargoUntil: null,
    ...over,
  };
  return {
    ...base,
    id: over.id ?? uuidv7(),
    originCode,
    version: over.version ?? 1,
    contentHash: contentHash(base),
    createdAt: over.createdAt ?? now,
    updatedAt: over.updatedAt ?? now,
  };
}
