import { eventually } from '@syn/testing';
import type { Browser, Page } from 'playwright-core';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { submitThroughReview } from '../support/county-review';
import { as, storyInput } from '../support/http';
import { jpegWithGps } from '../support/media-files';
import { DESK_USERS, type DeskNetwork, openDesk, screenshot, signIn, startDeskWithBrowser } from './support';

interface LoadedImage {
  complete: boolean;
  naturalWidth: number;
}

/** Resolves once an image inside the test id has loaded with real pixels (this file is compiled without the DOM library). */
const imageShown = (page: Page, testId: string, timeoutMs = 20_000) =>
  eventually(
    () =>
      page
        .getByTestId(testId)
        .locator('img')
        .evaluateAll((imgs) => imgs.some((i) => (i as unknown as LoadedImage).complete && (i as unknown as LoadedImage).naturalWidth > 0)),
    timeoutMs,
  );

/**
 * 融媒体 in the desk (Chromium, real network): a county editor drops a photo on the story editor,
 * sees its upload finish and the photo rendered from the county's own media; after 上报 and 入库
 * the city's pool page shows the same photo, fetched over gRPC from the county by then.
 */
describe('media in the desk (Chromium)', () => {
  let desk: DeskNetwork;
  let browser: Browser;
  const county = () => desk.net.app('360702').http;
  const city = () => desk.net.app('360700').http;

  beforeAll(async () => {
    ({ desk, browser } = await startDeskWithBrowser());
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('an editor drags a photo into the story editor, sees it rendered, saves it with a caption; the city pool shows it', async () => {
    const user = DESK_USERS.zhanggongEditor;
    const { body: story } = await as(county(), desk.net.token('360702', 'editor', 'liumin', user.name))
      .post('/api/v1/centers/360702/stories', storyInput({ title: '章贡区：章江汛期现场图片' }))
      .expect(201);
    const file = join(mkdtempSync(join(tmpdir(), 'desk-media-')), '章江现场.jpg');
    writeFileSync(file, await jpegWithGps());

    const d = await openDesk(browser, county());
    try {
      await signIn(d.page, user);
      await d.page.goto(`/desk/stories/${story.id}/edit`);
      const uploader = d.page.getByTestId('media-uploader');
      await uploader.locator('input[type=file]').setInputFiles(file);
      await d.page.getByText('章江现场.jpg 已上传').waitFor({ timeout: 20_000 });
      await imageShown(d.page, 'media-uploader');
      await d.page.getByTestId('media-caption').fill('章江水位上涨');
      await d.page.getByRole('button', { name: /保\s*存/ }).click();
      await d.page.getByText('已保存').waitFor();
      await screenshot(d.page, 'county-story-media');

      const saved = await as(county(), desk.net.token('360702', 'editor')).get(`/api/v1/centers/360702/stories/${story.id}`).expect(200);
      expect(saved.body.mediaRefs).toEqual([{ url: expect.stringMatching(/^media:[0-9a-f]{64}$/), kind: 'image', caption: '章江水位上涨' }]);

      await d.page.goto(`/desk/stories/${story.id}`);
      await d.page.getByRole('tab', { name: /稿件媒体库/ }).click();
      await imageShown(d.page, 'media-gallery');
      expect(d.problems.unexpected()).toEqual([]);
    } finally {
      await d.close();
    }

    await submitThroughReview(desk.net, '360702', story.id);
    const curator = as(city(), desk.net.token('360700', 'curator', 'curator-360700', '王审'));
    await eventually(async () => (await curator.get(`/api/v1/centers/360700/review-queue/${story.id}`)).status === 200, 20_000);
    await curator.post(`/api/v1/centers/360700/review-queue/${story.id}/decision`, { decision: 'accept' }).expect(200);

    const c = await openDesk(browser, city());
    try {
      await signIn(c.page, DESK_USERS.ganzhouCurator);
      await c.page.goto(`/desk/pool/${story.id}`);
      await c.page.getByRole('tab', { name: /稿件媒体库/ }).click();
      await imageShown(c.page, 'media-gallery', 30_000);
      await c.page.getByTestId('media-gallery').getByText('章江水位上涨').waitFor();
      await screenshot(c.page, 'city-pool-story-media');
      expect(c.problems.unexpected()).toEqual([]);
    } finally {
      await c.close();
    }
  }, 120_000);
});
