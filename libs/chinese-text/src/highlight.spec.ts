import { highlightAll, highlightSnippet } from './highlight';

describe('highlight', () => {
  it('marks the longest matching word and escapes HTML', () => {
    expect(highlightAll('赣州市<融媒体>', ['赣州', '赣州市', '媒体'])).toBe('<mark>赣州市</mark>&lt;融<mark>媒体</mark>&gt;');
  });

  it('cuts a snippet around the first match, starting at a sentence break', () => {
    const body = `${'前文。'.repeat(40)}这里谈到媒体融合的做法。${'后文。'.repeat(40)}`;
    const { html, matched } = highlightSnippet(body, ['融合'], { maxLength: 40 });
    expect(matched).toBe(true);
    expect(html.startsWith('…这里谈到媒体<mark>融合</mark>')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
  });

  it('falls back to the opening of the text without a match', () => {
    expect(highlightSnippet('没有命中的正文', ['媒体'], { maxLength: 4 })).toEqual({ html: '没有命中…', matched: false });
  });

  it('matches latin case-insensitively', () => {
    expect(highlightAll('5G News', ['news'])).toBe('5G <mark>News</mark>');
  });
});
