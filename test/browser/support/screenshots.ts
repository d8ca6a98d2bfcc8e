import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where the desk's screenshots go: docs/desk/<name>.png, committed so reviewers see each page. */
export const SCREENSHOT_DIR = join(process.cwd(), 'docs', 'desk');

/**
 * Pictures are taken only when asked for (`npm run docs:desk`, DESK_SCREENSHOTS=1): each costs a settle
 * wait and a full-page encode, about half a minute over the suite, and the tests prove the pages
 * without them.
 */
export const TAKE_SCREENSHOTS = process.env.DESK_SCREENSHOTS === '1';

/** The whole page by default; `fullPage: false` for long pages (Swagger UI) where the window says enough. */
export async function screenshot(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<string | undefined> {
  if (!TAKE_SCREENSHOTS) return undefined;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Let antd's motion settle so the picture shows the page, not an animation frame.
  await page.waitForTimeout(400);
  await page.screenshot({ path, fullPage: opts.fullPage ?? true });
  return path;
}
