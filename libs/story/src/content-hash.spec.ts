import { contentHash } from './content-hash';

const base = {
  title: '赣州：大稿库',
  summary: null,
  body: '<p>正文</p>',
  byline: '记者 刘敏',
  authors: [{ name: '刘敏', role: 'reporter' as const }],
  category: '时政',
  tags: ['融合'],
  regionCode: '360702',
  mediaRefs: [],
  priority: 'normal' as const,
  embargoUntil: null,
};

describe('contentHash', () => {
  it('does not depend on key order or on the time zone an embargo was written in', () => {
    const shuffled = Object.fromEntries(Object.entries({ ...base, embargoUntil: '2026-12-01T08:00:00+08:00' }).reverse());
    expect(contentHash(shuffled as typeof base)).toBe(contentHash({ ...base, embargoUntil: '2026-12-01T00:00:00.000Z' } as never));
  });

  it('changes with any content field', () => {
    const h = contentHash(base);
    expect(contentHash({ ...base, title: '赣州：大稿库！' })).not.toBe(h);
    expect(contentHash({ ...base, tags: ['融合', '县级'] })).not.toBe(h);
    expect(contentHash({ ...base, authors: [{ name: '刘敏', role: 'editor' }] })).not.toBe(h);
  });
});
