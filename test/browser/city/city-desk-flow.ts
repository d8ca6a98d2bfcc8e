import type { Page } from 'playwright-core';

/** Steps of the city desk as a curator clicks them; shared by the city spec and the working day. */

/** The queue's row of the story titled exactly so, from that origin when given (copies share headlines). */
export function queueRow(page: Page, title: string, origin?: string) {
  const row = page
    .getByTestId('queue-table')
    .locator('tr')
    .filter({ has: page.getByText(title, { exact: true }) });
  return origin ? row.filter({ has: page.getByText(origin, { exact: true }) }) : row;
}

/** Waits until the open review queue shows the story (no reload: the live feed brings it). */
export async function seesInQueue(page: Page, title: string, origin?: string): Promise<void> {
  await queueRow(page, title, origin).waitFor({ timeout: 30_000 });
}

/** Opens the story's drawer from the queue and claims it; resolves once the countdown shows. */
export async function claimFromQueue(page: Page, title: string, origin?: string): Promise<void> {
  await queueRow(page, title, origin)
    .getByRole('button', { name: /审\s*阅/ })
    .click();
  const drawer = page.getByTestId('queue-drawer');
  await drawer.getByRole('button', { name: /领\s*稿|续\s*领/ }).click();
  await drawer.getByTestId('claim-countdown').filter({ hasText: '我已领取' }).waitFor();
}

/** From the open drawer, to the family page; resolves once every member shows. */
export async function opensFamily(page: Page, members: number): Promise<void> {
  await page.getByTestId('queue-drawer').getByRole('button', { name: /同题/ }).click();
  await page.waitForURL(/\/review-queue\/[^/]+\/family$/);
  await waitForCount(page, '[data-testid="family-member"]', members);
}

/** Merges the checked members into this story; resolves with the credits the page shows. */
export async function mergesFamily(page: Page): Promise<string> {
  await page
    .getByTestId('merge-form')
    .getByRole('button', { name: /合并入库/ })
    .click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /合并入库/ })
    .click();
  const result = page.getByTestId('merge-result');
  await result.waitFor();
  return result.innerText();
}

export async function waitForCount(page: Page, selector: string, n: number): Promise<void> {
  await page
    .locator(selector)
    .nth(n - 1)
    .waitFor();
}
