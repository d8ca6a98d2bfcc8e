import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { submitStory } from '../support/flow';
import { claimFromQueue, mergesFamily, opensFamily, queueRow, seesInQueue } from './city/city-desk-flow';
import { fileNearDuplicate } from './city/near-duplicate';
import { DESK_USERS, type DeskNetwork, type DeskPage, menuTexts, openDesk, pickOption, screenshot, signIn, startDeskWithBrowser } from './support';

interface SeedStory {
  title: string;
  body: string[];
}
const seed: SeedStory[] = JSON.parse(readFileSync(resolve(process.cwd(), 'deploy/demo/seed-stories.json'), 'utf8')).stories;
const html = (paragraphs: string[]) => paragraphs.map((p) => `<p>${p}</p>`).join('');
const CITY = '360700';

/**
 * The city hub's desk (赣州) in Chromium against a real network: the review queue fills live,
 * a claim counts down and is released, 退改 takes a reason from the templates, a near-duplicate
 * family is compared word by word and merged crediting both counties, and the pool, topics,
 * releases, adoptions and deliveries screens do their work. One curator tab for the whole file.
 */
describe('city hub desk (Chromium)', () => {
  let desk: DeskNetwork;
  let browser: Browser;
  let curator: DeskPage;
  const city = () => desk.net.app(CITY).http;
  const original = seed[10]!;
  let storyA = '';

  beforeAll(async () => {
    ({ desk, browser } = await startDeskWithBrowser());
    curator = await openDesk(browser, city(), '/desk/login');
    await signIn(curator.page, DESK_USERS.ganzhouCurator);
  }, 180_000);

  afterAll(async () => {
    await curator?.close();
    await browser?.close();
    await desk?.stop();
  });

  it('shows the curator the city menu, and the queue fills live as counties submit', async () => {
    const { page } = curator;
    expect(await menuTexts(page)).toEqual(['首页', '稿件', '采用反馈', '审核队列', '大稿库', '选题', '通稿', '选用', '送达台账', '我的账户']);
    await page.getByTestId('side-menu').getByText('审核队列').click();
    await page.getByTestId('live-state').filter({ hasText: '实时连接正常' }).waitFor();
    storyA = await submitStory(desk.net, '360702', {
      title: original.title,
      body: html(original.body),
      byline: '记者 刘敏',
      authors: [{ name: '刘敏', role: 'reporter' }],
    });
    await seesInQueue(page, original.title);
    await fileNearDuplicate(desk.net, '360703', { title: original.title, body: html(original.body) }, '记者 张华', {
      title: `南康：${original.title}`,
      lead: (p) => p.replace('赣州市融媒体中心', '赣州融媒体中心'),
      closing: '记者从南康区融媒体中心获悉，相关做法已在全区推广。',
    });
    await seesInQueue(page, `南康：${original.title}`);
    await queueRow(page, original.title)
      .getByRole('button', { name: /同题 1 篇/ })
      .waitFor();
  });

  it('claims with a visible countdown, releases, and returns a story with a template reason', async () => {
    const { page } = curator;
    await claimFromQueue(page, original.title);
    const drawer = page.getByTestId('queue-drawer');
    expect(await drawer.getByTestId('claim-countdown').innerText()).toMatch(/我已领取 · 剩余 \d\d:\d\d/);
    await drawer.getByTestId('story-body').getByText(original.body[1]!.slice(0, 12)).waitFor();
    await screenshot(page, 'city-review-queue');
    await drawer.getByRole('button', { name: /放\s*回/ }).click();
    await drawer.getByText('未领取').waitFor();
    await page.locator('.ant-drawer-close').click();

    const other = seed[12]!;
    await submitStory(desk.net, '360703', { title: other.title, body: html(other.body) });
    await seesInQueue(page, other.title);
    await queueRow(page, other.title)
      .getByRole('button', { name: /审\s*阅/ })
      .click();
    const form = page.getByTestId('decision-form');
    await form.getByText(/退\s*改/).click();
    await form.getByRole('button', { name: /提交决定/ }).click();
    await form.locator('.ant-form-item-explain-error').filter({ hasText: '退稿或退改须写明理由' }).waitFor();
    await pickOption(page, form.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '理由' }) }), '标题不够准确，请修改');
    await form.getByRole('button', { name: /提交决定/ }).click();
    await page.locator('.ant-message').getByText('已退回修改').waitFor();
    await queueRow(page, other.title).waitFor({ state: 'detached' });
  });

  it('compares the near-duplicates word by word and merges them crediting both counties', async () => {
    const { page } = curator;
    await claimFromQueue(page, original.title);
    await opensFamily(page, 2);
    const members = page.getByTestId('family-member');
    await members.nth(1).locator('ins.diff-added').filter({ hasText: '南康' }).first().waitFor();
    expect(await members.nth(0).innerText()).toContain('章贡区');
    await screenshot(page, 'city-family');
    const credits = await mergesFamily(page);
    expect(credits).toContain('刘敏');
    expect(credits).toContain('张华');
  });

  it('lists the pool, finds a story highlighted, curates it beside the origin’s text, recommends and adopts it', async () => {
    const { page } = curator;
    await page.getByTestId('side-menu').getByText('大稿库').click();
    await page.getByTestId('pool-table').getByText(original.title, { exact: true }).waitFor();
    await page.getByRole('searchbox', { name: /检索大稿库/ }).fill('媒体融合');
    await page.getByRole('searchbox', { name: /检索大稿库/ }).press('Enter');
    await page.getByTestId('pool-search-results').locator('mark').first().waitFor();
    await screenshot(page, 'city-pool-search');
    await page.getByTestId('pool-search-results').locator('a', { hasText: '革命老区' }).first().click();
    await page.waitForURL(/\/pool\/[0-9a-f-]+$/);
    const curation = page.getByTestId('curation');
    await curation.locator('#title').fill('赣州：县级好稿借大稿库为老区媒体融合探路');
    await curation.getByRole('button', { name: /保\s*存/ }).click();
    await page.locator('.ant-message').getByText('已保存重新包装').waitFor();
    expect(await page.getByTestId('original').innerText()).toContain(original.title);
    await page.getByRole('button', { name: /推荐给省级平台/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '推荐语' });
    await dialog.locator('textarea').fill('革命老区媒体融合的典型经验，建议省级平台选用');
    await dialog.getByRole('button', { name: /推荐给省级平台/ }).click();
    await page.getByText(/王审 于 .* 推荐/).waitFor();
    await page.getByRole('button', { name: /选\s*用/ }).click();
    const adopt = page.locator('.ant-modal').filter({ hasText: '渠道' });
    await pickOption(page, adopt.locator('.ant-select'), '赣州发布', { closeBy: adopt.locator('.ant-modal-title') });
    await adopt.getByRole('button', { name: /选\s*用/ }).click();
    await page.locator('.ant-message').getByText('已选用').waitFor();
    await page.getByRole('tab', { name: '审计记录' }).click();
    await page.getByTestId('audit-trail').getByText('重新包装').waitFor();
    await page.getByTestId('audit-trail').getByText('推荐').first().waitFor();
    await page.getByRole('tab', { name: '正文' }).click();
    await screenshot(page, 'city-pool-story');
  });

  it('issues a topic and a release to the counties, corrects and withdraws the release, and shows adoptions and deliveries', async () => {
    const { page } = curator;
    await page.getByTestId('side-menu').getByText('选题').click();
    await page.getByRole('button', { name: /下达选题/ }).click();
    const topic = page.getByTestId('topic-form');
    await topic.locator('#title').fill('聚焦赣南脐橙丰收季');
    await topic.locator('#brief').fill('各县请围绕脐橙采摘、销售组织报道');
    await topic.locator('#deadline').click();
    await topic.locator('#deadline').fill('2030-12-31 18:00');
    await topic.locator('#deadline').press('Enter');
    // Aimed at one county, picked by name from the centers below 赣州.
    await topic.getByText('指定单位').click();
    await pickOption(page, topic.locator('.ant-select').filter({ has: page.getByRole('combobox', { name: '下达对象' }) }), '章贡区融媒体中心', {
      closeBy: page.locator('.ant-modal-title').filter({ hasText: '下达选题' }),
    });
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /下达选题/ })
      .click();
    await page.getByTestId('topics-table').locator('tr', { hasText: '聚焦赣南脐橙丰收季' }).getByText('0/1 已响应').waitFor();
    // Per-target coverage: who received the topic and who answered.
    await page.getByTestId('topics-table').locator('.ant-table-row-expand-icon').first().click();
    await page.getByTestId('topics-table').getByText('未响应').first().waitFor();
    await screenshot(page, 'city-topics');

    await page.getByTestId('side-menu').getByText('通稿').click();
    await page.getByRole('button', { name: /下发通稿/ }).click();
    const form = page.getByTestId('release-form');
    await form.getByText('新写通稿').click();
    await form.locator('#story_title').fill('赣州市召开媒体融合推进会');
    await form.locator('#story_body').fill('赣州市今天召开媒体融合推进会。\n会议部署了下一阶段工作。');
    await form.locator('#story_byline').fill('赣州市融媒体中心');
    await form.locator('#story_category').fill('要闻');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /下发通稿/ })
      .click();
    const row = page.getByTestId('releases-table').locator('tr', { hasText: '赣州市召开媒体融合推进会' });
    await row.getByText(/0\/\d+ 已转载/).waitFor();
    await row.getByRole('button', { name: /更\s*正/ }).click();
    await page.getByTestId('correction-form').locator('#story_title').fill('赣州市召开全市媒体融合推进会');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /更\s*正/ })
      .click();
    const corrected = page.getByTestId('releases-table').locator('tr', { hasText: '赣州市召开全市媒体融合推进会' });
    await corrected.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('releases-table').getByText('未转载').first().waitFor();
    await screenshot(page, 'city-releases');
    await corrected.getByRole('button', { name: /撤\s*稿/ }).click();
    await page.getByTestId('withdraw-form').locator('textarea').fill('会议信息有误，撤回');
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /撤\s*稿/ })
      .click();
    await page.locator('.ant-message').getByText('已撤稿').waitFor();

    await page.getByTestId('side-menu').getByText('选用').click();
    await page.getByTestId('adoptions-table').getByText('赣州发布').waitFor();
    await screenshot(page, 'city-adoptions');
    await page.getByTestId('side-menu').getByText('送达台账').click();
    await page.getByTestId('deliveries-table').locator('tbody tr').first().waitFor();
    await screenshot(page, 'city-deliveries');
  });

  it('met no console error, CSP violation or failed request', () => {
    expect(storyA).not.toBe('');
    expect(curator.problems.unexpected()).toEqual([]);
  });
});
