import { SHORT_BODY_WORDS, storyVectors } from './story-tsvector';

describe('storyVectors', () => {
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `词${i}`);

  it('ranks on title (A), summary (B) and repeated body words, in reading order', () => {
    const v = storyVectors({ title: ['赣州', '媒体'], summary: ['融合'], body: ['媒体', '发展', '改革', '改革', ...filler(SHORT_BODY_WORDS)] });
    expect(v.ranking).toBe("'赣州':1A '媒体':2A,4 '融合':3B '改革':6,7");
    expect(v.lexemes.split(' ')).toEqual(expect.arrayContaining(["'赣州'", "'媒体'", "'融合'", "'发展'", "'改革'", "'词0'"]));
    expect(v.lexemes.split(' ')).toHaveLength(5 + SHORT_BODY_WORDS);
  });

  it('ranks a short story on every word, and keeps at most three body positions per word', () => {
    const v = storyVectors({ title: [], body: ['发展', '发展', '发展', '发展', '改革'] });
    expect(v.ranking).toBe("'发展':1,2,3 '改革':5");
  });
});
