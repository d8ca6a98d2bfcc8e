import { storyTsvector } from './story-tsvector';

describe('storyTsvector', () => {
  it('weights title A, summary B, body D, with positions in reading order', () => {
    expect(storyTsvector({ title: ['赣州', '媒体'], summary: ['融合'], body: ['媒体', '发展', '媒体'] })).toBe(
      "'赣州':1A '媒体':2A,4,6 '融合':3B '发展':5",
    );
  });

  it('keeps at most 255 positions per word and none past 16383', () => {
    const v = storyTsvector({ title: [], body: Array.from({ length: 20000 }, (_, i) => (i % 2 ? '发展' : `词${i}`)) });
    const positions = /'发展':([^ ]+)/.exec(v)![1].split(',');
    expect(positions).toHaveLength(255);
    expect(v).toContain(':16383');
    expect(v).not.toContain(':16384');
  });
});
