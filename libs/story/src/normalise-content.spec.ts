import { contentHash } from './content-hash';
import { normaliseContent } from './normalise-content';

describe('normaliseContent', () => {
  const input = {
    title: '  赣州：老区融媒体探路  ',
    summary: '   ',
    body: '<p>正文<script>alert(1)</script></p>',
    byline: ' 记者 刘敏 ',
    authors: [{ name: ' 刘敏 ', role: 'reporter' as const }],
    category: ' 时政 ',
    tags: [' 媒体融合 ', '媒体融合', ''],
  };

  it('trims the text, sanitises the body, de-duplicates tags and fills in the defaults', () => {
    expect(normaliseContent(input, '360702')).toEqual({
      title: '赣州：老区融媒体探路',
      summary: null,
      body: '<p>正文</p>',
      byline: '记者 刘敏',
      authors: [{ name: '刘敏', role: 'reporter' }],
      category: '时政',
      tags: ['媒体融合'],
      regionCode: '360702',
      mediaRefs: [],
      priority: 'normal',
      embargoUntil: null,
    });
  });

  it('hashes the same whatever the padding the form sent', () => {
    const padded = normaliseContent(input, '360702')!;
    const clean = normaliseContent({ ...input, title: '赣州：老区融媒体探路', byline: '记者 刘敏', tags: ['媒体融合'] }, '360702')!;
    expect(contentHash(padded)).toBe(contentHash(clean));
  });

  it('gives nothing for a body with no safe HTML left, so the caller can name its field', () => {
    expect(normaliseContent({ ...input, body: '<script>alert(1)</script>' }, '360702')).toBeUndefined();
  });
});
