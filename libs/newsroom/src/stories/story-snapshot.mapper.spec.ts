import { contentHash } from '@syn/story';
import type { StoryEntity } from './story.entity';
import { toSnapshot } from './story-snapshot.mapper';

const story = (over: Partial<StoryEntity> = {}): StoryEntity =>
  ({
    id: '0190f0e0-0000-7000-8000-000000000001',
    centerCode: '360702',
    version: 2,
    status: 'draft',
    title: '章贡区：丰收节',
    summary: null,
    body: '<p>现场</p>',
    byline: '记者 刘敏',
    authors: [{ name: '刘敏', role: 'reporter' }],
    category: '时政',
    tags: ['丰收'],
    regionCode: '360702',
    mediaRefs: [],
    priority: 'normal',
    embargoUntil: null,
    contentHash: '',
    topicId: null,
    createdAt: new Date('2026-11-01T00:00:00Z'),
    updatedAt: new Date('2026-11-02T00:00:00Z'),
    ...over,
  }) as StoryEntity;

describe('story snapshot and its topic', () => {
  it('leaves topicId out entirely for a story without a topic, so such snapshots travel exactly as before', () => {
    const s = toSnapshot(story());
    expect(Object.keys(s)).not.toContain('topicId');
    expect(JSON.stringify(s)).not.toContain('topicId');
  });

  it('carries the topic with the story, outside the content hash', () => {
    const plain = toSnapshot(story());
    const answering = toSnapshot(story({ topicId: '0190f0e0-0000-7000-8000-0000000000aa' }));
    expect(answering.topicId).toBe('0190f0e0-0000-7000-8000-0000000000aa');
    expect(contentHash(answering)).toBe(contentHash(plain));
  });
});
