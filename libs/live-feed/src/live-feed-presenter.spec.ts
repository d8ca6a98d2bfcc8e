import type { CenterDirectory } from '@syn/network';
import { LiveFeedPresenter } from './live-feed-presenter';

describe('LiveFeedPresenter', () => {
  const names: Record<string, string> = { '360700': '赣州市融媒体中心', '360702': '章贡区融媒体中心' };
  const directory = { has: (c: string) => c in names, get: (c: string) => ({ name: names[c] }) } as unknown as CenterDirectory;
  const presenter = new LiveFeedPresenter(directory);
  const event = (data: Record<string, unknown>) => ({ seq: 7, center: '360000', event: 'index.pooled', data });
  const now = new Date('2026-11-30T08:00:00.000Z');

  it('names the centers an event mentions', () => {
    expect(presenter.present(event({ storyId: 's', hubCode: '360700', originCode: '360702' }), now)).toMatchObject({
      city: { code: '360700', name: '赣州市融媒体中心' },
      origin: { code: '360702', name: '章贡区融媒体中心' },
    });
  });

  it('leaves out the text of a story until its embargo passes, and shows it afterwards', () => {
    const data = { storyId: 's', title: '禁发稿', summary: '摘要', byline: '记者', embargoedUntil: '2026-11-30T09:00:00.000Z' };
    const before = presenter.present(event(data), now);
    expect(before).toEqual({ storyId: 's', embargoedUntil: '2026-11-30T09:00:00.000Z' });
    const after = presenter.present(event(data), new Date('2026-11-30T09:00:01.000Z'));
    expect(after).toEqual({ storyId: 's', title: '禁发稿', summary: '摘要', byline: '记者' });
  });
});
