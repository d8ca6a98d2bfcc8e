import { ChineseSegmenter } from '@syn/chinese-text';
import { storyTextFromWire, storyTextToWire, type StoryText } from './story-text';

describe('story text, worked out once at the hub and shipped with story.pooled', () => {
  const segmenter = ChineseSegmenter.shared();
  const text: StoryText = {
    tokens: {
      title: segmenter.words('赣州市融媒体中心：大稿库贯通省市县三级平台'),
      summary: segmenter.words('县级好稿进入市级大稿库'),
      body: segmenter.words('全市20个县级融媒体中心的稿件汇入大稿库，ABC-123 同步推送。'),
    },
    simhash: 0xfedcba9876543210n,
  };

  it('comes back from the wire unchanged, a SimHash with the top bit set included', () => {
    const wire = storyTextToWire(text);
    expect(wire.simhash).toBe('-81985529216486896');
    expect(storyTextFromWire(JSON.parse(JSON.stringify(wire)) as typeof wire)).toEqual(text);
  });

  it('reads an empty text, and a sender that carried no summary words', () => {
    expect(storyTextFromWire({ titleWords: '', bodyWords: '', simhash: '0' })).toEqual({ tokens: { title: [], summary: [], body: [] }, simhash: 0n });
  });
});
