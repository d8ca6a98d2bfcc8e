import type { WorkingDay } from './working-day';

/** The channel 江西 adopts the day's story for (端: its news app). */
const CHANNEL = '客户端';
const ARRIVAL_MS = 60_000;

/** 江西: the desk opens the live watch of every pool before the city accepts anything. */
export async function opensLiveWatch(day: WorkingDay): Promise<void> {
  const { page } = await day.tab('jiangxiDesk');
  await page.getByTestId('side-menu').getByText('实时稿件流').click();
  await page.waitForURL('**/desk/province/live');
  // Connected before anything is accepted, so the story's arrival is seen live, not loaded.
  await page.locator('[data-testid="live-state"][data-state="open"]').waitFor();
}

/** 江西: the accepted story appears in the open watch without reload; the desk searches it in the index (highlighted), opens it and adopts it for a channel. */
export async function seesArrivalSearchesAdopts(day: WorkingDay): Promise<void> {
  const { page } = await day.tab('jiangxiDesk');
  const title = day.facts.title;
  const urlBefore = page.url();
  const navigations: string[] = [];
  const onNav = (f: { url(): string }) => navigations.push(f.url());
  page.on('framenavigated', onNav);
  try {
    const row = page.getByTestId('live-watch').locator('.ant-table-row').filter({ hasText: title });
    await row.waitFor({ timeout: ARRIVAL_MS });
    await row.getByText('新入库').waitFor();
    await row.getByText('赣州市融媒体中心').waitFor();
  } finally {
    page.off('framenavigated', onNav);
  }
  if (navigations.length || page.url() !== urlBefore) throw new Error(`the live watch reloaded or navigated while waiting: ${navigations.join(', ')}`);

  // 全省稿库: search the story's own words; the hit shows them marked.
  await page.getByTestId('side-menu').getByText('全省稿库').click();
  await page.waitForURL('**/desk/province/index');
  await page.getByPlaceholder('输入关键词检索全省稿库').fill('大稿库');
  await page.getByRole('button', { name: /检\s*索/ }).click();
  const hit = page.getByTestId('index-table').locator('.ant-table-row').filter({ hasText: title });
  await hit.waitFor();
  await hit.locator('mark').first().waitFor();
  const marked = await hit.locator('mark').allInnerTexts();
  // The index segments 大稿库 as it likes (大稿 + 库); every marked piece is part of the words searched.
  if (!marked.length || !marked.every((m) => '大稿库'.includes(m))) throw new Error(`the hit does not mark the search words: ${marked.join(' | ')}`);

  // Open it (its full text comes from 赣州's pool over gRPC) and adopt it for the news app.
  await hit.getByRole('button', { name: /查\s*看/ }).click();
  const drawer = page.locator('.indexed-story-drawer');
  await drawer.getByTestId('indexed-story').waitFor();
  await drawer.locator('.ant-drawer-title').filter({ hasText: title }).waitFor();
  await drawer.getByRole('button', { name: /选\s*用/ }).click();
  const modal = page.locator('.ant-modal-container').filter({ hasText: '选用渠道' });
  await modal.getByText('端（客户端）').click();
  await modal.getByRole('button', { name: /确认选用/ }).click();
  await page.locator('.ant-message').getByText(`已选用于：${CHANNEL}`).waitFor();
  day.facts.adoptedChannel = CHANNEL;
  await drawer.locator('.ant-drawer-close').click();
  await drawer.getByTestId('indexed-story').waitFor({ state: 'hidden' });

  // The adoption list shows it for that channel.
  await page.getByTestId('side-menu').getByText('选用记录').click();
  await page.getByTestId('adoptions-table').locator('.ant-table-row').filter({ hasText: title }).filter({ hasText: CHANNEL }).waitFor();
}
