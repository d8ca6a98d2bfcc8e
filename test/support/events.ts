import { contentHash } from '@syn/story';
import { v7 as uuidv7 } from 'uuid';

/** A well-formed story.submitted event from `origin` to `parent`, as the origin's outbox would publish it. */
export function storySubmittedEvent(origin: string, parent: string, title = '瑞金市：红色旅游带火乡村') {
  const content = {
    title,
    summary: null,
    body: '<p>瑞金市融媒体中心报道：红色旅游带动乡村振兴。</p>',
    byline: '记者 钟华',
    authors: [{ name: '钟华', role: 'reporter' as const }],
    category: '时政',
    tags: ['红色旅游'],
    regionCode: origin,
    mediaRefs: [],
    priority: 'normal' as const,
    embargoUntil: null,
  };
  const now = new Date().toISOString();
  const story = { ...content, id: uuidv7(), originCode: origin, version: 1, contentHash: contentHash(content), createdAt: now, updatedAt: now };
  const envelope = { id: uuidv7(), type: 'story.submitted', sender: origin, occurredAt: now, payload: { story, submittedBy: '钟华', submittedAt: now } };
  return { subject: `syn.up.${parent}.${origin}.story.submitted`, envelope, storyId: story.id };
}
