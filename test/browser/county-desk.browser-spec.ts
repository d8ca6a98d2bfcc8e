import { eventually } from '@syn/testing';
import type { Locator, Page } from 'playwright-core';
import sharp from 'sharp';
import request from 'supertest';
import { decide, indexed, poolStory, submitStory } from '../support/flow';
import { as, storyInput } from '../support/http';
import { screenshot } from './support';
import * as county from './working-day/county-steps';
import { WorkingDay } from './working-day/working-day';

/**
 * The county desk (章贡区) in Chromium against the real network: the story's whole life through the
 * UI (write, 三审 by three people, the hub's outcome, adoption feedback, a correction with every
 * copy's receipt, 退改 answered with a new version), and the inboxes: 选题, 通稿, 市级大稿库.
 * What the city and the province do here is set up through their API; their desks have their own specs.
 */
/** The inbox is filled over the bus; the editor presses 刷新 until it arrives, as they would. */
async function refreshUntil(page: Page, row: Locator): Promise<void> {
  await eventually(async () => {
    await page.getByRole('button', { name: /刷\s*新/ }).click();
    return row
      .first()
      .waitFor({ timeout: 2000 })
      .then(
        () => true,
        () => false,
      );
  }, 60_000);
}

describe('the county desk (章贡区, Chromium)', () => {
  let day: WorkingDay;
  const net = () => day.desk.net;
  const curator = () => as(net().app('360700').http, net().token('360700', 'curator', 'curator-360700', '王审'));

  beforeAll(async () => {
    day = await WorkingDay.start();
  }, 180_000);

  afterAll(async () => {
    await day?.stop();
  });

  it('a reporter writes a story in the editor, with 通讯员 and tags; no signature is offered to them', () => county.reporterWritesStory(day), 90_000);

  it('初审, 复审 and 终审 are signed by three people; 终审 submits it to 赣州', () => county.reviewAndSubmit(day), 90_000);

  it('the 初审 editor’s open story page follows the 复审 and 终审 signed by others, without reload', async () => {
    // The editor's tab has stayed on the story page since they signed 初审; only the live feed can move it on.
    const { page } = await day.tab('zhanggongEditor');
    expect(new URL(page.url()).pathname).toBe(`/desk/stories/${day.facts.storyId}`);
    await page.getByTestId('story-holder').filter({ hasText: '已上报，待市级审核' }).waitFor({ timeout: 30_000 });
    await page
      .getByTestId('review-steps')
      .getByText(`${day.user('zhanggongChief').name} 于`)
      .waitFor();
  }, 60_000);

  it('an editor’s open story page changes stage when others sign, even a sign-off made while the page was connecting', async () => {
    const county = net().app('360702').http;
    const { body } = await as(county, net().token('360702', 'editor', 'writer-360702', '写稿编辑'))
      .post('/api/v1/centers/360702/stories', storyInput({ title: `章贡区：三审实时跟进（${Date.now() % 100000}）` }))
      .expect(201);
    const id = body.id as string;
    const sign = (step: string, role: 'editor' | 'chief-editor', user: string) =>
      as(county, net().token('360702', role, user, user))
        .post(`/api/v1/centers/360702/stories/${id}/review/advance`, { step })
        .expect(200);

    // 初审 is signed after the page read the story but before its feed started: in neither, unless the page reads again.
    const { page } = await day.tab('zhanggongEditor');
    let connect!: () => void;
    const signed = new Promise<void>((resolve) => (connect = resolve));
    await page.route('**/live-feed', async (route) => {
      await signed;
      await route.continue();
    });
    await page.goto(`/desk/stories/${id}`);
    const stage = page.getByTestId('review-stage');
    await stage.filter({ hasText: '等待初审' }).waitFor();
    await sign('first', 'editor', 'first-360702');
    connect();
    await stage.filter({ hasText: '等待复审' }).waitFor({ timeout: 30_000 });
    await page.unroute('**/live-feed');

    // Then live: 复审 and 终审 by two other people, and the page follows without reload.
    await sign('second', 'editor', 'second-360702');
    await stage.filter({ hasText: '等待终审' }).waitFor({ timeout: 30_000 });
    await sign('final', 'chief-editor', 'chief-360702');
    await page.getByTestId('story-holder').filter({ hasText: '已上报，待市级审核' }).waitFor({ timeout: 30_000 });
  }, 120_000);

  it('赣州 accepts and 江西 adopts it; the story page and 采用反馈 show who, where and when', async () => {
    const id = day.facts.storyId!;
    await decide(net(), '360700', id, 'accept');
    await indexed(net(), '360000', id);
    await as(net().app('360000').http, net().token('360000', 'desk-editor', 'desk-360000', '李华'))
      .post('/api/v1/centers/360000/adoptions', { storyId: id, channels: ['省台'] })
      .expect(201);
    day.facts.adoptedChannel = '省台';
    await county.seesAdoptionAndPoints(day);
  }, 120_000);

  it('a correction reaches the city pool and the province index, and the desk shows each receipt', () => county.correctsAndSeesReceipts(day), 150_000);

  it('a story 退改 by the hub shows the reason in the list and on the page, and is answered with a new version', async () => {
    const title = `章贡区：老城区改造惠及万户居民（${Date.now() % 100000}）`;
    const id = await submitStory(net(), '360702', { title });
    await eventually(async () =>
      (await curator().get('/api/v1/centers/360700/review-queue?limit=200')).body.items?.some((i: { storyId: string }) => i.storyId === id),
    );
    await curator().post(`/api/v1/centers/360700/review-queue/${id}/decision`, { decision: 'return', reason: '请补充受访居民的姓名和具体数字' }).expect(200);

    const { page } = await day.tab('zhanggongEditor');
    await page.goto('/desk/stories');
    const row = page.getByRole('row').filter({ hasText: title });
    await row.filter({ hasText: '请补充受访居民的姓名' }).waitFor({ timeout: 60_000 });
    await screenshot(page, 'county-stories');

    await row.getByText(title).click();
    await page.getByText('市级审核意见：请补充受访居民的姓名和具体数字').waitFor();
    await page.getByRole('button', { name: /编\s*辑/ }).click();
    const body = page.getByTestId('story-body');
    await body.click();
    await page.keyboard.press('End');
    await page.keyboard.type('受访居民王秀英说，改造后出行方便多了。');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存').waitFor();
    await page.getByTestId('story-open-detail').click();
    await page.getByRole('tab', { name: '版本对比' }).click();
    await page.getByTestId('version-diff').locator('ins').filter({ hasText: '王秀英' }).waitFor();
    await screenshot(page, 'county-story-versions');
  }, 120_000);

  it('选题: a topic from 赣州 shows with its deadline, and 写稿响应 writes a draft answering it', async () => {
    const deadline = new Date(Date.now() + 2 * 86_400_000).toISOString();
    await curator()
      .post('/api/v1/centers/360700/topics', { title: '聚焦赣南脐橙丰收季', brief: '请各县区报送脐橙采摘、销售与物流一线稿件', deadline, targets: ['360702'] })
      .expect(201);

    const { page } = await day.tab('zhanggongEditor');
    await page.goto('/desk/topic-inbox');
    const row = page.getByTestId('topic-inbox').getByRole('row').filter({ hasText: '聚焦赣南脐橙丰收季' });
    await refreshUntil(page, row);
    await screenshot(page, 'county-topic-inbox');
    await row.getByRole('button', { name: '写稿响应' }).click();
    await page.getByTestId('answering-topic').filter({ hasText: '聚焦赣南脐橙丰收季' }).waitFor();
    await page.getByTestId('story-title').fill('章贡区：脐橙采摘季物流提速');
    await page.getByTestId('story-category').fill('经济');
    await page.getByTestId('story-body').click();
    await page.keyboard.type('章贡区脐橙进入采摘季，物流企业开通直发专线。');
    await page.getByRole('button', { name: /保\s*存/ }).click();
    await page.waitForURL(/\/edit$/);
    const id = /stories\/([0-9a-f-]{36})\/edit$/.exec(page.url())![1];
    const story = await as(net().app('360702').http, net().token('360702', 'editor')).get(`/api/v1/centers/360702/stories/${id}`).expect(200);
    expect(story.body.topicId).toMatch(/^[0-9a-f-]{36}$/);
  }, 90_000);

  it('通稿: a release from 赣州 is read with its photo and 转载 with its source named', async () => {
    const photo = await sharp({ create: { width: 800, height: 450, channels: 3, background: '#1f6f8b' } })
      .jpeg()
      .toBuffer();
    const uploaded = await request(net().app('360700').http)
      .post('/api/v1/centers/360700/media')
      .set('authorization', `Bearer ${net().token('360700', 'curator', 'curator-360700', '王审')}`)
      .attach('file', photo, 'huiyi.jpg')
      .expect(201);
    await curator()
      .post('/api/v1/centers/360700/releases', {
        story: {
          title: '赣州市召开全市融媒体工作推进会',
          summary: '会议部署下一阶段重点工作。',
          body: '<p>会议要求各县区融媒体中心用好市级大稿库。</p>',
          byline: '赣州市融媒体中心',
          category: '时政',
          mediaRefs: [{ url: uploaded.body.url, kind: 'image', caption: '推进会现场' }],
        },
        targets: ['360702'],
      })
      .expect(201);
    const { page } = await day.tab('zhanggongEditor');
    await page.goto('/desk/release-inbox');
    const row = page.getByTestId('release-inbox').getByRole('row').filter({ hasText: '赣州市召开全市融媒体工作推进会' });
    await refreshUntil(page, row);
    await row.getByRole('button', { name: /阅\s*读/ }).click();
    await page.getByTestId('release-source').filter({ hasText: '来源：赣州' }).waitFor();
    await page.getByText('会议要求各县区融媒体中心用好市级大稿库。').waitFor();
    // The photo came down after the release (pulled from 赣州) and shows once it is here.
    await page.locator('.ant-drawer').getByTestId('media-gallery').getByText('推进会现场').waitFor();
    await eventually(() =>
      page
        .locator('.ant-drawer')
        .getByTestId('media-gallery')
        .locator('img')
        .evaluateAll((imgs) =>
          imgs.some(
            (i) => (i as unknown as { complete: boolean; naturalWidth: number }).complete && (i as unknown as { naturalWidth: number }).naturalWidth > 0,
          ),
        ),
    );
    await screenshot(page, 'county-release-media');
    await page
      .locator('.ant-drawer')
      .getByRole('button', { name: /转\s*载/ })
      .click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /转\s*载/ })
      .click();
    await page.getByText('已转载，回执已发给下发单位').waitFor();
    await page.locator('.ant-drawer-close').click();
    await row.filter({ hasText: '已转载' }).waitFor();
    await screenshot(page, 'county-release-inbox');
  }, 90_000);

  it('市级大稿库: a sibling’s story is found with highlights, read in full and 转载 with attribution', async () => {
    const title = '南康区：家具产业集群加快数字化转型';
    await poolStory(net(), '360703', '360700', { title, body: '<p>南康区家具企业上云用数，订单处理时间缩短一半。</p>', byline: '记者 南康' });
    const county = as(net().app('360702').http, net().token('360702', 'editor'));
    await eventually(async () => (await county.get(`/api/v1/centers/360702/shared-pool/search?q=${encodeURIComponent('家具')}`)).body.items?.length > 0);

    const { page } = await day.tab('zhanggongEditor');
    await page.goto('/desk/shared-pool');
    await page.getByTestId('pool-search').locator('input').fill('家具');
    await page.keyboard.press('Enter');
    const hit = page.getByTestId('shared-pool').getByRole('row').filter({ hasText: title });
    await hit.locator('mark').filter({ hasText: '家具' }).first().waitFor();
    await screenshot(page, 'county-shared-pool');
    await hit.getByRole('button', { name: /全\s*文/ }).click();
    await page.getByTestId('pool-attribution').filter({ hasText: '来源：南康' }).waitFor();
    await page
      .locator('.ant-drawer')
      .getByRole('button', { name: /转\s*载/ })
      .click();
    await page.locator('#republish_channel').fill('客户端');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page.getByText('已转载，并已反馈给原作单位').waitFor();
    await page.locator('.ant-drawer-close').click();
    await page.getByRole('tab', { name: '已转载' }).click();
    await page.getByTestId('republished').getByRole('row').filter({ hasText: title }).filter({ hasText: '客户端' }).waitFor();
  }, 120_000);

  it('撤稿 is the chief editor’s: an editor is not offered it; the chief gives a reason, confirms, and every copy’s takedown is receipted', async () => {
    const editor = (await day.tab('zhanggongEditor')).page;
    await editor.goto(`/desk/stories/${day.facts.storyId}`);
    await editor.getByRole('tab', { name: '更正与回执' }).click();
    await editor.getByTestId('story-correct').waitFor();
    expect(await editor.getByTestId('story-withdraw').count()).toBe(0);

    const chief = (await day.tab('zhanggongChief')).page;
    await chief.goto(`/desk/stories/${day.facts.storyId}`);
    await chief.getByRole('tab', { name: '更正与回执' }).click();
    await chief.getByTestId('story-withdraw').click();
    await chief.locator('#withdrawal_reason').fill('稿件数据待重新核实，予以撤回');
    await chief.locator('.ant-modal-footer .ant-btn-dangerous').first().click();
    await chief
      .locator('.ant-modal-confirm')
      .getByRole('button', { name: /撤\s*稿/ })
      .click();
    await chief.getByText('已撤稿：稿件数据待重新核实，予以撤回').waitFor();
    const takedown = (center: RegExp) =>
      chief.getByTestId('receipts-table').getByRole('row').filter({ hasText: center }).filter({ hasText: '撤稿' }).filter({ hasText: '已确认' }).first();
    await takedown(/赣州/).waitFor({ timeout: 90_000 });
    await takedown(/江西/).waitFor({ timeout: 90_000 });
    await screenshot(chief, 'county-story-withdrawn');
  }, 150_000);

  it('no tab met a console error, a CSP violation or a failed request', () => {
    expect(day.problems()).toEqual([]);
  });
});
