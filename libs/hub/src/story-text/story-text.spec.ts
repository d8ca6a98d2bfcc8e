import { ChineseSegmenter, simhash } from '@syn/chinese-text';
import { analyzeStoryText, storyTextFromWire, storyTextToWire } from './story-text';

describe('story text, worked out once and shipped', () => {
  const segmenter = ChineseSegmenter.shared();
  const title = '赣州市融媒体中心：大稿库贯通省市县三级平台';
  const body = '<p>赣州市融媒体中心今天发布消息。</p><p>全市20个县级融媒体中心的稿件汇入大稿库，ABC-123 同步推送。</p>';

  it('gives the same words and SimHash as segmenting the plain text directly', () => {
    const t = analyzeStoryText(segmenter, title, body);
    expect(t.titleWords).toEqual(segmenter.words(title));
    expect(t.bodyWords).toEqual(expect.arrayContaining(['媒体', '稿件', 'abc', '123']));
    // The paragraph end separates 消息 from 全市: no token spans them.
    expect(t.bodyWords.some((w) => w.includes('息全'))).toBe(false);
    expect(t.simhash).toBe(simhash(`${title}\n赣州市融媒体中心今天发布消息。 全市20个县级融媒体中心的稿件汇入大稿库，ABC-123 同步推送。`, { segmenter }));
  });

  it('comes back from the wire unchanged, a SimHash with the top bit set included', () => {
    const t = { ...analyzeStoryText(segmenter, title, body), simhash: 0xfedcba9876543210n };
    const wire = storyTextToWire(t);
    expect(wire.simhash).toBe('-81985529216486896');
    expect(storyTextFromWire(JSON.parse(JSON.stringify(wire)))).toEqual(t);
    expect(storyTextFromWire({ titleWords: '', bodyWords: '', simhash: '0' })).toEqual({ titleWords: [], bodyWords: [], simhash: 0n });
  });
});
