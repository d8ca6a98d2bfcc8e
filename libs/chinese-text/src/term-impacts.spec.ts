import { SALIENT_MIN_IMPACT, idfWeight, termImpacts } from './term-impacts';

const filler = (n: number) => Array.from({ length: n }, (_, i) => `填充${i}`);

describe('termImpacts', () => {
  it('ranks a title word above a word mentioned once deep in the body', () => {
    const { postings } = termImpacts(['媒体', '融合'], [...filler(500), '改革']);
    const impact = (t: string) => postings.find((p) => p.term === t)?.impact ?? 0;
    expect(impact('媒体')).toBeGreaterThan(impact('改革'));
  });

  it('stores no posting for a single body mention in a full-length story', () => {
    const { postings } = termImpacts([], [...filler(600), '改革']);
    expect(postings.find((p) => p.term === '改革')).toBeUndefined();
  });

  it('stores repeated words, strongest first, within smallint', () => {
    const { postings, wordCount } = termImpacts(['标题'], [...filler(600), '改革', '改革', '改革', '发展', '发展']);
    expect(wordCount).toBe(606);
    expect(postings.map((p) => p.term).slice(0, 3)).toEqual(['标题', '改革', '发展']);
    for (const p of postings) {
      expect(p.impact).toBeGreaterThanOrEqual(SALIENT_MIN_IMPACT);
      expect(p.impact).toBeLessThanOrEqual(32767);
      expect(Number.isInteger(p.impact)).toBe(true);
    }
  });

  it('gives short stories salient postings for single mentions', () => {
    const { postings } = termImpacts([], ['媒体', '融合', '发展']);
    expect(postings.map((p) => p.term).sort()).toEqual(['发展', '媒体', '融合']);
  });

  it('weighs rare words above common ones', () => {
    expect(idfWeight(10, 200_000)).toBeGreaterThan(idfWeight(50_000, 200_000));
    expect(idfWeight(0, 200_000)).toBeGreaterThan(0);
    expect(Number.isInteger(idfWeight(123, 200_000))).toBe(true);
  });
});
