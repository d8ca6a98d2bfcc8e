import type { Browser } from 'playwright-core';
import { DESK_USERS, type DeskNetwork, menuTexts, openDesk, screenshot, signIn, startDeskWithBrowser } from './support';

/** Short enough that the editor test outlives several access tokens. */
const ACCESS_TTL_SECONDS = 8;
/** Page scripts are strings: this file is compiled without the DOM library. */
const SESSION_TOKEN = `JSON.parse(sessionStorage.getItem('syn.desk.session')).accessToken`;

/**
 * The desk's foundation in real Chromium against a real network: sign-in, the menu by access,
 * every page free of console errors and CSP violations, server field errors shown in Chinese,
 * and an editor whose typed text survives expired access tokens.
 */
describe('desk foundation (Chromium)', () => {
  let desk: DeskNetwork;
  let browser: Browser;
  const county = () => desk.net.app('360702').http;

  beforeAll(async () => {
    ({ desk, browser } = await startDeskWithBrowser({ env: { ACCESS_TOKEN_TTL_SECONDS: String(ACCESS_TTL_SECONDS) } }));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await desk?.stop();
  });

  it('serves the desk with an SPA fallback, cacheable hashed assets and scripts only from itself', async () => {
    const deep = await fetch(`${county()}/desk/stories/some-id/edit`);
    expect(deep.status).toBe(200);
    expect(deep.headers.get('cache-control')).toBe('no-cache');
    const html = await deep.text();
    expect(html).toContain('<div id="root">');
    expect(html).not.toMatch(/<script>(?!<)/);
    const csp = deep.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toContain("'unsafe-inline' ;script");
    expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
    const asset = /src="(\/desk\/assets\/[^"]+\.js)"/.exec(html)![1]!;
    const js = await fetch(`${county()}${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    const centers = (await (await fetch(`${county()}/api/v1/desk/centers`)).json()) as { items: { code: string; name: string }[] };
    expect(centers.items.map((c) => `${c.code} ${c.name}`)).toEqual(['360702 章贡区融媒体中心', '360703 南康区融媒体中心']);
  });

  it('a wrong password shows the Chinese error next to the form', async () => {
    const d = await openDesk(browser, county(), '/desk/login');
    try {
      await d.page.locator('#login_center').click();
      await d.page.locator('.ant-select-item-option').filter({ hasText: '章贡区融媒体中心' }).click();
      await d.page.locator('#login_username').fill('liumin');
      await d.page.locator('#login_password').fill('not-the-password');
      await d.page.getByRole('button', { name: /登\s*录/ }).click();
      const passwordItem = d.page.locator('.ant-form-item').filter({ has: d.page.locator('#login_password') });
      await passwordItem.locator('.ant-form-item-explain-error').filter({ hasText: '用户名或密码错误' }).waitFor();
      await screenshot(d.page, 'login-wrong-password');
      expect(d.problems.unexpected({ allowHttpStatus: [401] })).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it('follows the system’s reduced-motion setting: lists and dialogs appear without sliding', async () => {
    // antd's theme carries its animation length as a CSS variable on the desk's root; 0s means no motion.
    const motionOf = async (motion: boolean) => {
      const d = await openDesk(browser, county(), '/desk/login', { motion });
      try {
        await d.page.locator('#login_center').waitFor();
        return await d.page.evaluate<string>(`(() => {
          const root = document.querySelector('[class*="css-var"]');
          return root ? getComputedStyle(root).getPropertyValue('--ant-motion-duration-mid').trim() : 'no themed root';
        })()`);
      } finally {
        await d.close();
      }
    };
    expect(await motionOf(false)).toBe('0s');
    expect(await motionOf(true)).toBe('0.2s');
  });

  it('an editor signs in, lands on the home page with the role’s menu, and every page is clean', async () => {
    const d = await openDesk(browser, county(), '/desk/');
    try {
      await d.page.waitForURL('**/desk/login');
      await screenshot(d.page, 'login');
      await signIn(d.page, DESK_USERS.zhanggongEditor);
      await d.page.getByTestId('home-welcome').filter({ hasText: '刘敏，您好' }).waitFor();
      expect(await menuTexts(d.page)).toEqual(['首页', '稿件', '写稿', '选题', '通稿', '市级大稿库', '采用反馈', '送达台账', '我的账户']);
      expect(await d.page.getByTestId('center-name').innerText()).toBe('章贡区融媒体中心');
      expect(await d.page.getByTestId('user-role').innerText()).toBe('编辑');
      await screenshot(d.page, 'home-editor');

      await d.page.goto('/desk/account');
      await d.page.getByText('story.submit').waitFor();
      await screenshot(d.page, 'account');

      await d.page.goto('/desk/stories/new');
      await d.page.getByTestId('story-body').waitFor();
      await d.page.getByTestId('story-title').fill('章贡区：春耕备耕忙');
      await d.page.getByTestId('story-category').fill('农业');
      await d.page.getByTestId('story-body').click();
      await d.page.keyboard.type('章贡区各乡镇抢抓农时，开展春耕备耕。');
      await d.page.getByRole('button', { name: /保\s*存/ }).click();
      await d.page.waitForURL(/\/desk\/stories\/[0-9a-f-]{36}\/edit$/);
      await d.page.getByText('草稿', { exact: true }).waitFor();
      await screenshot(d.page, 'story-editor');

      await d.page.goto('/desk/stories');
      await d.page.locator('.ant-table-row').filter({ hasText: '章贡区：春耕备耕忙' }).waitFor();
      await screenshot(d.page, 'stories');

      await d.page.goto('/desk/no-such-page');
      await d.page.getByText('页面不存在').waitFor();

      expect(d.problems.unexpected()).toEqual([]);
    } finally {
      await d.close();
    }
  }, 90_000);

  it('a validation error from the server appears next to its field, in Chinese', async () => {
    const d = await openDesk(browser, county());
    try {
      await signIn(d.page, DESK_USERS.zhanggongEditor);
      await d.page.goto('/desk/stories/new');
      await d.page.getByTestId('story-body').waitFor();
      await d.page.getByTestId('story-title').fill('长'.repeat(201));
      await d.page.getByRole('button', { name: /保\s*存/ }).click();
      const item = (id: string) => d.page.locator('.ant-form-item').filter({ has: d.page.locator(id) });
      await item('#story_title').locator('.ant-form-item-explain-error').filter({ hasText: '标题不能超过 200 个字符' }).waitFor();
      await item('#story_category').locator('.ant-form-item-explain-error').filter({ hasText: '栏目不能为空' }).waitFor();
      await d.page.locator('.ant-form-item-explain-error').filter({ hasText: '正文不能为空' }).waitFor();
      await screenshot(d.page, 'story-editor-field-errors');
      expect(d.problems.unexpected({ allowHttpStatus: [400] })).toEqual([]);
    } finally {
      await d.close();
    }
  }, 60_000);

  it('keeps the editor’s typed text across expired access tokens', async () => {
    const d = await openDesk(browser, county());
    try {
      await signIn(d.page, DESK_USERS.zhanggongEditor);
      await d.page.goto('/desk/stories/new');
      await d.page.getByTestId('story-body').waitFor();
      const firstToken = await d.page.evaluate<string>(SESSION_TOKEN);
      await d.page.getByTestId('story-title').fill('瑞金：红色旅游持续升温');
      await d.page.getByTestId('story-category').fill('文旅');
      await d.page.getByTestId('story-body').click();
      await d.page.keyboard.type('清明假期，瑞金共接待游客逾十万人次。');
      // The editor sits idle past two token lifetimes, as a person thinking over a sentence would,
      // and the early refresh fails meanwhile (a sleeping laptop): the save finds its token expired
      // and must refresh before sending (or on the 401, if it expired on the way), with nothing typed lost.
      await d.page.route('**/api/v1/auth/refresh', (route) => route.abort());
      await d.page.waitForTimeout((ACCESS_TTL_SECONDS * 2 + 2) * 1000);
      await d.page.unroute('**/api/v1/auth/refresh');
      await d.page.getByRole('button', { name: /保\s*存/ }).click();
      await d.page.waitForURL(/\/desk\/stories\/[0-9a-f-]{36}\/edit$/);
      const saved = await d.page.evaluate<{ token: string; story: unknown }>(`(async () => {
        const s = JSON.parse(sessionStorage.getItem('syn.desk.session'));
        const id = location.pathname.split('/')[3];
        const r = await fetch('/api/v1/centers/360702/stories/' + id, { headers: { Authorization: 'Bearer ' + s.accessToken } });
        return { token: s.accessToken, story: await r.json() };
      })()`);
      expect(saved.token).not.toBe(firstToken);
      expect(saved.story).toMatchObject({ title: '瑞金：红色旅游持续升温', category: '文旅', body: '<p>清明假期，瑞金共接待游客逾十万人次。</p>' });
      expect(d.problems.unexpected({ allowHttpStatus: [401], allow: [/ERR_FAILED/] })).toEqual([]);
    } finally {
      await d.close();
    }
  }, 90_000);

  it('a reporter sees no 上报 or 终审 buttons; an editor does', async () => {
    const reporter = await openDesk(browser, county());
    const editor = await openDesk(browser, county());
    try {
      await signIn(reporter.page, DESK_USERS.zhanggongReporter);
      await reporter.page.goto('/desk/stories/new');
      await reporter.page.getByTestId('story-body').waitFor();
      await reporter.page.getByTestId('story-title').fill('南康：家具产业集群再扩容');
      await reporter.page.getByTestId('story-category').fill('经济');
      await reporter.page.getByTestId('story-body').click();
      await reporter.page.keyboard.type('南康家具产业年产值突破两千亿元。');
      await reporter.page.getByRole('button', { name: /保\s*存/ }).click();
      await reporter.page.waitForURL(/\/edit$/);
      await reporter.page.getByRole('button', { name: /保\s*存/ }).waitFor();
      expect(await reporter.page.getByRole('button', { name: /上\s*报|终\s*审/ }).count()).toBe(0);
      // Through the menu, as she would: a full reload here could unload the page while its timer is
      // refreshing the 8-second token, and the server takes the lost answer's old token, presented
      // again, for a stolen one and ends the session.
      await reporter.page.getByTestId('side-menu').getByText('稿件', { exact: true }).click();
      const row = reporter.page.locator('.ant-table-row').filter({ hasText: '南康：家具产业集群再扩容' });
      await row.getByRole('button', { name: /编\s*辑/ }).waitFor();
      expect(await reporter.page.getByRole('button', { name: /上\s*报|终\s*审/ }).count()).toBe(0);
      expect(await menuTexts(reporter.page)).toEqual(['首页', '稿件', '写稿', '选题', '通稿', '市级大稿库', '采用反馈', '我的账户']);
      expect(await reporter.page.getByTestId('user-role').innerText()).toBe('记者');
      await screenshot(reporter.page, 'stories-reporter');

      await signIn(editor.page, DESK_USERS.zhanggongEditor);
      await editor.page.getByTestId('side-menu').getByText('稿件', { exact: true }).click();
      await editor.page
        .locator('.ant-table-row')
        .filter({ hasText: '南康：家具产业集群再扩容' })
        .getByRole('button', { name: /上\s*报/ })
        .waitFor();
      expect(reporter.problems.unexpected()).toEqual([]);
      expect(editor.problems.unexpected()).toEqual([]);
    } finally {
      await reporter.close();
      await editor.close();
    }
  }, 60_000);

  it('pasting from Word keeps headings, lists, quotes and links, and drops the office markup', async () => {
    const d = await openDesk(browser, county());
    try {
      await signIn(d.page, DESK_USERS.zhanggongEditor);
      await d.page.goto('/desk/stories/new');
      await d.page.getByTestId('story-body').waitFor();
      await d.page.getByTestId('story-title').fill('从 Word 粘贴的稿件');
      await d.page.getByTestId('story-category').fill('测试');
      await d.page.getByTestId('story-body').click();
      await d.page.evaluate(`(() => {
        const html = '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>p.MsoNormal{mso-style-parent:"";}</style></head><body>'
          + '<!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->'
          + '<h2 class="MsoTitle" style="mso-line-height-rule:exactly"><span lang="ZH-CN" style="font-family:宋体">小标题</span></h2>'
          + '<p class="MsoNormal" style="text-indent:2em"><span style="font-size:14pt;font-family:仿宋_GB2312"><b>加粗</b>正文<a href="https://www.example.cn/" target="_blank" style="color:blue">链接</a></span><o:p></o:p></p>'
          + '<p class="MsoNormal"><o:p>&nbsp;</o:p></p>'
          + '<ul><li><font face="宋体">要点一</font></li></ul><blockquote><p>引语</p></blockquote>'
          + '<script>alert(1)</script><img src="x" onerror="alert(2)"></body></html>';
        const dt = new DataTransfer();
        dt.setData('text/html', html);
        dt.setData('text/plain', '小标题 加粗正文链接 要点一 引语');
        document.querySelector('[data-testid=story-body]').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
      })()`);
      await d.page.getByRole('button', { name: /保\s*存/ }).click();
      await d.page.waitForURL(/\/desk\/stories\/[0-9a-f-]{36}\/edit$/);
      const body = await d.page.evaluate<string>(`(async () => {
        const s = JSON.parse(sessionStorage.getItem('syn.desk.session'));
        const r = await fetch('/api/v1/centers/360702/stories/' + location.pathname.split('/')[3], { headers: { Authorization: 'Bearer ' + s.accessToken } });
        return (await r.json()).body;
      })()`);
      expect(body).toBe(
        '<h2>小标题</h2><p><strong>加粗</strong>正文<a href="https://www.example.cn/">链接</a></p><ul><li><p>要点一</p></li></ul><blockquote><p>引语</p></blockquote>',
      );
      await screenshot(d.page, 'story-editor-pasted');
      expect(d.problems.unexpected()).toEqual([]);
    } finally {
      await d.close();
    }
  }, 60_000);

  it('the provincial desk’s home follows the live stream, token in the header', async () => {
    const d = await openDesk(browser, desk.net.app('360000').http);
    try {
      await signIn(d.page, DESK_USERS.jiangxiDesk);
      await d.page.getByText('实时连接正常').waitFor();
      expect(await d.page.getByTestId('center-name').innerText()).toBe('江西省融媒体平台');
      await screenshot(d.page, 'home-province-desk');
      expect(d.problems.unexpected()).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it('Swagger UI at /docs works under the same policy', async () => {
    const d = await openDesk(browser, county(), '/docs');
    try {
      await d.page.locator('.swagger-ui .opblock').first().waitFor();
      await screenshot(d.page, 'swagger-docs', { fullPage: false });
      expect(d.problems.unexpected()).toEqual([]);
    } finally {
      await d.close();
    }
  });

  it('the city app serves the same desk for its own center', async () => {
    const d = await openDesk(browser, desk.net.app('360700').http, '/desk/login');
    try {
      await signIn(d.page, DESK_USERS.ganzhouCurator);
      expect(await d.page.getByTestId('center-name').innerText()).toBe('赣州市融媒体中心');
      expect(await d.page.getByTestId('user-role').innerText()).toBe('市级稿库审核');
      await screenshot(d.page, 'home-city-curator');
      expect(d.problems.unexpected()).toEqual([]);
    } finally {
      await d.close();
    }
  });
});
