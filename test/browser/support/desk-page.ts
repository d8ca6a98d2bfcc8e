import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { DeskUser } from './desk-network';
import { PageProblems } from './page-problems';

export interface DeskPage {
  context: BrowserContext;
  page: Page;
  problems: PageProblems;
  close(): Promise<void>;
}

/**
 * A fresh browser context (own sessionStorage) on an app's desk, with its problems watched.
 * The system asks for reduced motion unless `motion` is set: lists and dialogs then appear at once,
 * so no click lands on a list still sliding in, and the software renderer draws no animation frames
 * (the tests' largest Chromium cost on a two-core machine). The desk follows the setting for anyone.
 */
export async function openDesk(browser: Browser, baseUrl: string, path = '/desk/', opts: { motion?: boolean } = {}): Promise<DeskPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    viewport: { width: 1366, height: 860 },
    reducedMotion: opts.motion ? 'no-preference' : 'reduce',
  });
  const page = await context.newPage();
  const problems = await PageProblems.watch(page);
  await page.goto(path);
  return { context, page, problems, close: () => context.close() };
}

/** Signs in through the form, as a person would; resolves once the desk's frame shows. */
export async function signIn(page: Page, user: DeskUser): Promise<void> {
  await page.goto('/desk/login');
  const centerSelect = page.locator('#login_center');
  await centerSelect.click();
  await page.locator('.ant-select-item-option').first().waitFor();
  await page
    .locator('.ant-select-item-option')
    .filter({ hasText: await centerName(page, user.center) })
    .click();
  await page.locator('#login_username').fill(user.username);
  await page.locator('#login_password').fill(user.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('side-menu').waitFor();
}

async function centerName(page: Page, code: string): Promise<string> {
  const r = await page.request.get('/api/v1/desk/centers');
  const c = ((await r.json()) as { items: { code: string; name: string }[] }).items.find((x) => x.code === code);
  if (!c) throw new Error(`center ${code} is not served at ${page.url()}`);
  return c.name;
}

/** The texts of the side menu, in order. */
export async function menuTexts(page: Page): Promise<string[]> {
  return (await page.getByTestId('side-menu').locator('.ant-menu-title-content').allInnerTexts()).map((t) => t.trim());
}
