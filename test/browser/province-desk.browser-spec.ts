import { eventually } from '@syn/testing';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { as } from '../support/http';
import { indexed, poolStory } from '../support/flow';
import { type DeskPage, type DeskUser, menuTexts, openDesk, pickOption, screenshot, signIn } from './support';
import * as province from './working-day/province-steps';
import { WorkingDay } from './working-day/working-day';

/** Admins of the demo network (deploy/demo/users.json), signed in only by this spec (DeskUser's type lists only the shared users, hence the casts). */
const ADMINS = {
  jiangxi: { center: '360000', username: 'admin', password: 'demo-jiangxi-admin', name: '江西省平台管理员' },
  zhanggong: { center: '360702', username: 'admin', password: 'demo-zhanggong-admin', name: '章贡区管理员' },
} as const;

/**
 * The provincial desk and the admin pages in Chromium against the real network: the working day's
 * province steps (live arrival, highlighted search, open over gRPC, adopt), then every other
 * province screen and the admin screens, each checked for what the user sees and for clean consoles.
 * Stories reach the index through the real flow (county → 三审 → city 入库), set up through the API.
 */
describe('the provincial desk and the admin pages (Chromium)', () => {
  let day: WorkingDay;
  const admins: DeskPage[] = [];

  beforeAll(async () => {
    day = await WorkingDay.start();
  }, 180_000);

  afterAll(async () => {
    for (const a of admins) await a.close().catch(() => undefined);
    await day?.stop();
  });

  const net = () => day.desk.net;
  const desk = async () => (await day.tab('jiangxiDesk')).page;

  it('the working day: the live watch sees the story arrive, the index finds it highlighted, the desk opens and adopts it', async () => {
    await province.opensLiveWatch(day);
    const page = await desk();
    expect(await menuTexts(page)).toEqual([
      '首页',
      '审核队列',
      '大稿库',
      '实时稿件流',
      '全省稿库',
      '市级推荐',
      '选用记录',
      '选题',
      '通稿',
      '统计考核',
      '送达台账',
      '我的账户',
    ]);
    // Upstream of the province, the day's story is written, reviewed and accepted through the API.
    day.facts.storyId = await poolStory(net(), '360702', '360700', { title: day.facts.title });
    await province.seesArrivalSearchesAdopts(day);
    expect(day.facts.adoptedChannel).toBe('客户端');
    await screenshot(page, 'province-adoptions');
  }, 180_000);

  it('a city’s recommendation lights up the live watch and lists under 市级推荐', async () => {
    const page = await desk();
    await page.getByTestId('side-menu').getByText('实时稿件流').click();
    await page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
    const curator = as(net().app('360700').http, net().token('360700', 'curator', 'curator-360700', '王审'));
    await curator.post(`/api/v1/centers/360700/pool/${day.facts.storyId}/recommend`, { note: '县级融媒体改革典型经验，建议省级平台头条选用' }).expect(200);
    const row = page.getByTestId('live-watch').locator('.ant-table-row.row-recommended').filter({ hasText: day.facts.title });
    await row.getByText('获推荐').waitFor();
    await screenshot(page, 'province-live-watch');

    await page.getByTestId('side-menu').getByText('市级推荐').click();
    const rec = page.getByTestId('index-table').locator('.ant-table-row').filter({ hasText: day.facts.title });
    await rec.getByText('赣州市融媒体中心 推荐').waitFor();
    await screenshot(page, 'province-recommendations');
  }, 60_000);

  it('the index searches with filters, shows highlights, opens a story, and refuses a second adoption for the same channel in Chinese', async () => {
    const page = await desk();
    const other = await poolStory(net(), '360703', '360700', { title: '南康区：家具产业大稿库助力品牌出海', category: '经济', tags: ['家具'] });
    await indexed(net(), '360000', other);
    await page.getByTestId('side-menu').getByText('全省稿库').click();
    await page.getByTestId('index-table').locator('.ant-table-row').filter({ hasText: '南康区：家具产业大稿库助力品牌出海' }).waitFor();
    // Filter by origin: only 南康区's story stays.
    await page.getByLabel('来源单位').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '南康区融媒体中心' }).click();
    await page.getByTestId('index-table').locator('.ant-table-row').filter({ hasText: day.facts.title }).waitFor({ state: 'detached' });
    expect(await page.getByTestId('index-table').locator('.ant-table-row').count()).toBe(1);
    await page.getByPlaceholder('输入关键词检索全省稿库').fill('家具');
    await page.getByRole('button', { name: /检\s*索/ }).click();
    const hit = page.getByTestId('index-table').locator('.ant-table-row').filter({ hasText: '品牌出海' });
    await hit.locator('mark').filter({ hasText: '家具' }).first().waitFor();
    await page.getByText('检索词：家具').waitFor();
    await screenshot(page, 'province-index-search');

    await hit.getByRole('button', { name: /查\s*看/ }).click();
    await page.locator('.indexed-story-drawer').getByTestId('indexed-story').waitFor();
    await screenshot(page, 'province-story-open');
    await page
      .locator('.indexed-story-drawer')
      .getByRole('button', { name: /选\s*用/ })
      .click();
    const modal = page.locator('.ant-modal-container').filter({ hasText: '选用渠道' });
    // Nothing picked: the field says so in Chinese.
    await modal.getByRole('button', { name: /确认选用/ }).click();
    await modal.getByText('请至少选择一个渠道').waitFor();
    await modal.getByText('报（报纸）').click();
    await modal.getByRole('button', { name: /确认选用/ }).click();
    await page.locator('.ant-message').getByText('已选用于：报纸').waitFor();
    // The same channel again: the server's 409 in Chinese.
    await page
      .locator('.indexed-story-drawer')
      .getByRole('button', { name: /选\s*用/ })
      .click();
    await modal.getByText('报（报纸）').click();
    await modal.getByRole('button', { name: /确认选用/ }).click();
    await page.locator('.ant-message').getByText('该稿件已选用到此渠道').waitFor();
    await modal.getByRole('button', { name: /取\s*消/ }).click();
    await page.locator('.indexed-story-drawer .ant-drawer-close').click();
    await page.locator('.indexed-story-drawer').getByTestId('indexed-story').waitFor({ state: 'hidden' });
  }, 90_000);

  it('选题 and 通稿 are issued from their forms and list their per-target coverage', async () => {
    const page = await desk();
    await page.getByTestId('side-menu').getByText('选题').click();
    await page.getByRole('button', { name: /下达选题/ }).click();
    const topic = page.locator('.ant-modal-container').filter({ hasText: '截止时间' });
    await topic.getByRole('button', { name: /下达选题/ }).click();
    await topic.getByText('请输入标题').waitFor();
    await topic.getByLabel('标题').fill('聚焦秋收：各地丰收节活动');
    await topic.getByLabel('选题说明').fill('请各地围绕丰收节活动采写稿件，图文并茂。');
    await topic.getByLabel('截止时间').fill('2030-12-01 18:00');
    await topic.getByLabel('截止时间').press('Enter');
    await topic.getByRole('button', { name: /下达选题/ }).click();
    await page.locator('.ant-message').getByText('选题已下达').waitFor();
    const row = page.getByTestId('topics-table').locator('.ant-table-row').filter({ hasText: '聚焦秋收' });
    await row.getByText(/0 \/ 3 已响应/).waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByText('九江市融媒体中心').first().waitFor();
    await screenshot(page, 'province-topics');

    await page.getByTestId('side-menu').getByText('通稿').click();
    await page.getByRole('button', { name: /下发通稿/ }).click();
    const release = page.locator('.ant-modal-container').filter({ hasText: '下发说明' });
    await release.getByLabel('标题').fill('全省融媒体中心建设推进会召开');
    await release.getByLabel('正文').fill('会议总结了全省县级融媒体中心建设成效。\n部署下一阶段重点任务。');
    await release.getByLabel('署名').fill('省平台 记者 李华');
    await release.getByLabel('栏目').fill('时政');
    // A photo for the release, dropped on the form's uploader: 赣州 pulls it down with the release.
    const photo = await sharp({ create: { width: 960, height: 540, channels: 3, background: '#8e44ad' } })
      .jpeg()
      .toBuffer();
    await release.getByTestId('media-uploader').locator('input[type=file]').setInputFiles({ name: '推进会.jpg', mimeType: 'image/jpeg', buffer: photo });
    await page.getByText('推进会.jpg 已上传').waitFor({ timeout: 20_000 });
    await release.getByTestId('media-caption').fill('推进会现场');
    await pickOption(page, release.locator('.ant-select').filter({ has: page.getByLabel('下发对象') }), '赣州市融媒体中心', {
      closeBy: release.locator('.ant-modal-title'),
    });
    await release.getByLabel('下发说明').click();
    await release.getByRole('button', { name: /下发通稿/ }).click();
    await page.locator('.ant-message').getByText('通稿已下发').waitFor();
    await page.getByTestId('releases-table').locator('.ant-table-row').filter({ hasText: '全省融媒体中心建设推进会召开' }).getByText('0 / 1 已转载').waitFor();
    await screenshot(page, 'province-releases');
    const released = (
      await as(net().app('360000').http, net().token('360000', 'desk-editor')).get('/api/v1/centers/360000/releases').expect(200)
    ).body.items.find((r: { story: { title: string } }) => r.story.title === '全省融媒体中心建设推进会召开');
    expect(released.story.mediaRefs).toEqual([{ url: `media:${createHash('sha256').update(photo).digest('hex')}`, kind: 'image', caption: '推进会现场' }]);
    const atCity = await eventually(async () => {
      const items = (await as(net().app('360700').http, net().token('360700', 'curator')).get(`/api/v1/centers/360700/stories/${released.story.id}/media`)).body
        .items;
      return items?.length === 1 && items[0].arrived ? items : undefined;
    }, 30_000);
    expect(atCity[0].caption).toBe('推进会现场');
  }, 60_000);

  it('统计 shows the month’s figures, lazy charts and a CSV downloaded with the token; 送达台账 lists pending receipts', async () => {
    const page = await desk();
    const chunks: string[] = [];
    page.on('request', (r) => r.url().includes('/desk/assets/') && chunks.push(r.url()));
    await page.getByTestId('side-menu').getByText('统计考核').click();
    await page.getByTestId('statistics-totals').waitFor();
    const zhanggong = page.locator('.ant-table-row').filter({ hasText: '章贡区融媒体中心' });
    await zhanggong.waitFor();
    await page.getByRole('tab', { name: '积分图表' }).click();
    await page.getByTestId('statistics-charts').locator('canvas').first().waitFor();
    expect(chunks.some((u) => /statistics-charts/.test(u))).toBe(true);
    await screenshot(page, 'province-statistics');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /导出单位 CSV/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^statistics-360000-\d{4}-\d{2}-centers\.csv$/);
    const csv = await (await download.createReadStream()).toArray();
    expect(Buffer.concat(csv).toString('utf8')).toContain('章贡区融媒体中心');

    await page.getByRole('tab', { name: '贡献台账' }).click();
    await page.getByRole('tabpanel').locator('.ant-table-row').first().waitFor();
    await page.getByRole('tab', { name: '积分设置' }).click();
    // A desk editor reads the weights but may not change them.
    await page.getByRole('tabpanel').getByLabel('省级采用积分').waitFor();
    expect(await page.getByRole('tabpanel').getByLabel('省级采用积分').isDisabled()).toBe(true);
    expect(
      await page
        .getByRole('tabpanel')
        .getByRole('button', { name: /保\s*存/ })
        .count(),
    ).toBe(0);

    await page.getByTestId('side-menu').getByText('送达台账').click();
    await page.getByTestId('deliveries-table').waitFor();
    await page.getByText('待确认回执').waitFor();
    await screenshot(page, 'province-deliveries');
    expect((await day.tab('jiangxiDesk')).problems.unexpected({ allowHttpStatus: [409] })).toEqual([]);
  }, 60_000);

  it('the province admin manages users (field errors in Chinese), sets points weights and sees dead letters', async () => {
    const a = await openDesk(day.browser, day.url('360000'), '/desk/login');
    admins.push(a);
    await signIn(a.page, ADMINS.jiangxi as unknown as DeskUser);
    const menu = await menuTexts(a.page);
    expect(menu).toEqual(expect.arrayContaining(['用户管理', '死信', '统计考核']));
    expect(menu).not.toContain('审核设置');
    await a.page.getByTestId('side-menu').getByText('用户管理').click();
    await a.page.getByTestId('users-table').locator('.ant-table-row').filter({ hasText: '省平台编辑 李华' }).waitFor();
    await a.page.getByRole('button', { name: /新建用户/ }).click();
    const form = a.page.locator('.ant-modal-container').filter({ hasText: '初始密码' });
    await form.getByLabel('用户名').fill('wangfang');
    await form.getByLabel('姓名').fill('省平台编辑 王芳');
    await pickOption(a.page, form.locator('.ant-select').filter({ has: a.page.getByLabel('角色') }), '省级平台编辑');
    await form.getByLabel('初始密码').fill('short');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('密码至少 10 个字符').waitFor();
    await form.getByLabel('初始密码').fill('wangfang-desk-2026');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    const row = a.page.getByTestId('users-table').locator('.ant-table-row').filter({ hasText: 'wangfang' });
    await row.getByText('正常').waitFor();
    await row.getByRole('button', { name: /停\s*用/ }).click();
    await a.page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /停\s*用/ })
      .click();
    await row.getByText('已停用').waitFor();
    await screenshot(a.page, 'admin-users');

    await a.page.getByTestId('side-menu').getByText('统计考核').click();
    await a.page.getByRole('tab', { name: '积分设置' }).click();
    const weights = a.page.getByRole('tabpanel');
    await weights.getByLabel('省级采用积分').fill('5');
    await weights.getByRole('button', { name: /保\s*存/ }).click();
    await a.page.locator('.ant-message').getByText('积分已更新，当月积分已重算').waitFor();

    await a.page.getByTestId('side-menu').getByText('死信').click();
    await a.page.getByTestId('dead-letters-table').waitFor();
    await screenshot(a.page, 'admin-dead-letters');
    expect(a.problems.unexpected({ allowHttpStatus: [400] })).toEqual([]);
  }, 60_000);

  it('a county admin sets 二审 in 审核设置', async () => {
    const a = await openDesk(day.browser, day.url('360702'), '/desk/login');
    admins.push(a);
    await signIn(a.page, ADMINS.zhanggong as unknown as DeskUser);
    await a.page.getByTestId('side-menu').getByText('审核设置').click();
    await a.page.getByText('三审（初审、复审、终审）').waitFor();
    await a.page.getByText('二审（初审、终审）').click();
    await a.page.getByRole('button', { name: /保\s*存/ }).click();
    await a.page.locator('.ant-message').getByText('审核设置已保存').waitFor();
    await a.page.getByText(/章贡区管理员 于 .* 设定/).waitFor();
    await screenshot(a.page, 'admin-review-policy');
    expect(a.problems.unexpected()).toEqual([]);
  }, 60_000);

  it('a takedown of an adopted story asks the desk to 请撤下, and 已撤下 answers it', async () => {
    const page = await desk();
    const chief = as(net().app('360702').http, net().token('360702', 'chief-editor', 'u-zhao', '赵主编'));
    await chief.post(`/api/v1/centers/360702/stories/${day.facts.storyId}/withdrawal`, { reason: '涉及未核实信息' }).expect(202);
    await page.getByTestId('side-menu').getByText('选用记录').click();
    const row = page.getByTestId('adoptions-table').locator('.ant-table-row').filter({ hasText: day.facts.title });
    // The takedown reaches the province through the hub; the list is read again until it shows.
    for (let i = 0; i < 40 && !(await row.getByTestId('takedown-pending').isVisible()); i++) {
      await page.getByRole('button', { name: /刷\s*新/ }).click();
      await page.waitForTimeout(500);
    }
    await row.getByTestId('takedown-pending').getByText('请撤下').waitFor();
    await row.getByRole('button', { name: '已撤下' }).click();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /确\s*定|OK/ })
      .click();
    // The button itself reads 已撤下, so wait for the done tag's "已撤下（who, when）" and for the button to go.
    await row.getByText(/已撤下（.+）/).waitFor();
    await row.getByTestId('takedown-pending').waitFor({ state: 'detached' });
    await expect(row.getByTestId('takedown-pending').count()).resolves.toBe(0);
    await screenshot(page, 'province-adoptions-takedown');
  }, 120_000);

  it('no province tab met a console error or CSP violation', () => {
    expect(day.problems().filter((p) => !p.includes('409'))).toEqual([]);
  });
});
