import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ChineseSegmenter } from './segmenter';
import { CHINESE_STOPWORDS } from './stopwords';

describe('ChineseSegmenter', () => {
  const segmenter = ChineseSegmenter.shared();

  it('cuts a headline into words, not characters', () => {
    const words = segmenter.words('赣州市融媒体中心为革命老区媒体深度融合发展探路');
    expect(words).toEqual(expect.arrayContaining(['赣州市', '媒体', '中心', '革命', '老区', '深度', '融合', '发展', '探路']));
    // Search mode also yields the shorter words inside compounds, so 赣州 finds 赣州市.
    expect(words).toContain('赣州');
    expect(words).not.toContain('为');
    const multiChar = words.filter((w) => w.length > 1).length;
    expect(multiChar / words.length).toBeGreaterThan(0.8);
  });

  it('drops punctuation and whitespace, folds full-width latin and case', () => {
    const words = segmenter.words('“四全媒体”建设，ＡＰＰ下载量突破１０万！  5G  News\n');
    expect(words).toEqual(expect.arrayContaining(['媒体', '建设', 'app', '下载', '突破', '10', '5g', 'news']));
    for (const w of words) expect(w).toMatch(/^[\p{L}\p{N}]+$/u);
  });

  it('returns nothing for text without words', () => {
    expect(segmenter.words('')).toEqual([]);
    expect(segmenter.words('，。！？——  \n')).toEqual([]);
  });

  it('keeps duplicates in words() so term frequency can be counted', () => {
    expect(segmenter.words('媒体融合 媒体融合').filter((w) => w === '媒体')).toHaveLength(2);
  });

  it('builds distinct space-separated words for to_tsvector', () => {
    const text = segmenter.toTsvectorText('媒体融合', '媒体融合发展，媒体');
    const words = text.split(' ');
    expect(new Set(words).size).toBe(words.length);
    expect(words).toEqual(expect.arrayContaining(['媒体', '融合', '发展']));
  });

  it('builds an AND tsquery of quoted words', () => {
    expect(segmenter.toTsqueryText('融媒体 赣州')).toBe("'融' & '媒体' & '赣州'");
  });

  it('cannot be made to emit tsquery operators', () => {
    const q = segmenter.toTsqueryText("媒体' | !发展:* <-> (x) \\ o'neil") as string;
    // Outside the quoted lexemes there must be nothing but the & joins.
    expect(q.replace(/'[^']*'/g, '').replace(/ & /g, '')).toBe('');
    expect(q).not.toMatch(/[|!:*<>()\\]/);
  });

  it('returns null for queries with nothing searchable', () => {
    expect(segmenter.toTsqueryText('')).toBeNull();
    expect(segmenter.toTsqueryText('   ')).toBeNull();
    expect(segmenter.toTsqueryText('的了吗？')).toBeNull();
    expect(segmenter.toTsqueryText("'&|!")).toBeNull();
  });

  it('gives a long text the same words each time and per mode, and callers cannot spoil the next answer', () => {
    const seg = new ChineseSegmenter();
    const body = '江西省赣州市融媒体中心积极为革命老区媒体融合发展探路，推动媒体融合走深走实。'.repeat(12);
    const first = seg.words(body);
    first.length = 0;
    const again = seg.words(body);
    expect(again.length).toBeGreaterThan(100);
    expect(again).toEqual(seg.words(body));
    expect(seg.words(body, { mode: 'precise' })).not.toEqual(again);
    expect(seg.words(body, { dropStopwords: false }).length).toBeGreaterThanOrEqual(again.length);
  });

  it('gives the same words as splitting every jieba token, on the seed stories and mixed text', () => {
    // The reference: every token split on non-word characters, as before the plain-word fast path.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { dict } = require('@node-rs/jieba/dict') as typeof import('@node-rs/jieba/dict');
    const jieba = Jieba.withDict(dict);
    const reference = (text: string, mode: 'search' | 'precise') => {
      const normalized = text.normalize('NFKC').toLowerCase();
      const raw = mode === 'precise' ? jieba.cut(normalized, true) : jieba.cutForSearch(normalized, true);
      return raw.flatMap((t) => t.split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length > 0 && !CHINESE_STOPWORDS.has(w));
    };
    const seed: Array<{ title: string; body: string[] }> = JSON.parse(
      readFileSync(resolve(__dirname, '../../../deploy/demo/seed-stories.json'), 'utf8'),
    ).stories;
    const texts = [
      ...seed.map((s) => `${s.title}\n${s.body.join('\n')}`),
      '5G+4K直播、“赣鄱云”APP下载量突破10.5万，co-op 模式；㐀㐁 ＡＢＣ café naïve 第3.5期',
    ];
    for (const text of texts) {
      for (const mode of ['search', 'precise'] as const) expect(segmenter.words(text + mode, { mode })).toEqual(reference(text + mode, mode));
    }
  });
});
