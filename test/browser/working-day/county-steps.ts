import type { Page } from 'playwright-core';
import { screenshot } from '../support';
import type { DeskUserKey, WorkingDay } from './working-day';

/** The story page of the day's story in a user's tab. */
async function openStory(day: WorkingDay, key: DeskUserKey): Promise<Page> {
  const { page } = await day.tab(key);
  await page.goto(`/desk/stories/${storyId(day)}`);
  await page.getByTestId('story-detail-title').waitFor();
  return page;
}

function storyId(day: WorkingDay): string {
  if (!day.facts.storyId) throw new Error(`no story written yet for 《${day.facts.title}》`);
  return day.facts.storyId;
}

async function expectText(page: Page, testId: string, text: string | RegExp): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: text }).first().waitFor();
}

/** 章贡区: the reporter writes the day's story through the editor (facts.storyId is set here). */
export async function reporterWritesStory(day: WorkingDay): Promise<void> {
  const { page } = await day.tab('zhanggongReporter');
  await page.goto('/desk/stories/new');
  await page.getByTestId('story-title').fill(day.facts.title);
  await page.locator('#story_summary').fill('章贡区融媒体中心的稿件经三审上报赣州大稿库，省级平台选用后，采用与积分一路反馈回县里。');
  await page.getByTestId('story-category').fill('媒体融合');
  await page.getByTestId('story-correspondents').locator('input').fill('钟通讯');
  await page.keyboard.press('Enter');
  await page.getByTestId('story-tags').locator('input').fill('大稿库');
  await page.keyboard.press('Enter');
  const body = page.getByTestId('story-body');
  await body.click();
  // Typed as a person would: the lead key by key, the rest a paragraph at a time (Enter starts the next).
  // Three paragraphs, so that 南康区's version of the same event (a closing line of its own) stays a near-duplicate.
  await page.keyboard.type('记者从章贡区融媒体中心获悉，');
  for (const paragraph of [
    '今年以来，该中心通过市级大稿库向省级平台报送稿件一百余篇，其中多篇被省级平台选用，采用情况与积分一路反馈回县里。',
    '赣州市融媒体中心积极为革命老区媒体融合发展探路，推进媒体融合走深走实，建成全市共享的大稿库，县级好稿由此走得更远。',
    '章贡区融媒体中心负责人表示，下一步将继续做强内容生产，用好市级大稿库和省级平台的渠道，讲好赣南老区的发展故事。',
  ]) {
    await page.keyboard.insertText(paragraph);
    await page.keyboard.press('Enter');
  }
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await page.waitForURL(/\/desk\/stories\/[0-9a-f-]{36}\/edit$/);
  day.facts.storyId = /stories\/([0-9a-f-]{36})\/edit$/.exec(page.url())![1];

  // The reporter writes but does not sign: the story page shows the 三审 waiting, and no sign button.
  await page.getByTestId('story-open-detail').click();
  await expectText(page, 'review-stage', '待初审');
  if (await page.getByTestId('review-sign').count()) throw new Error('a reporter must not be offered a review signature');
}

/** 章贡区: 初审, 复审 and 终审 signed in the desk by different people; 终审 submits (上报) to 赣州. */
export async function reviewAndSubmit(day: WorkingDay): Promise<void> {
  const steps: [DeskUserKey, string, string][] = [
    ['zhanggongEditor', '初审', '导语清楚，事实核实无误'],
    ['zhanggongEditor2', '复审', '数据与来源一致'],
    ['zhanggongChief', '终审', '同意上报'],
  ];
  for (const [key, label, note] of steps) {
    const page = await openStory(day, key);
    await expectText(page, 'review-stage', `等待${label}`);
    const sign = page.getByTestId('review-sign');
    await sign.filter({ hasText: label }).waitFor();
    await sign.click();
    await page.locator('#review-sign_note').fill(note);
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await page
      .getByTestId('review-steps')
      .getByText(`${day.user(key).name} 于`)
      .waitFor();
  }
  const chief = (await day.tab('zhanggongChief')).page;
  await expectText(chief, 'story-holder', '已上报，待市级审核');
  await screenshot(chief, 'county-story-review');

  // The list says the same, and who holds it now.
  await chief.goto('/desk/stories');
  await chief.getByRole('row').filter({ hasText: day.facts.title }).getByTestId('story-row-holder').filter({ hasText: '待市级审核' }).waitFor();
}

/**
 * 章贡区: the story page shows the province's adoption (who, which channel, when) and the points (积分)
 * the province's weights gave it; the 采用反馈 page lists them with their total.
 */
export async function seesAdoptionAndPoints(day: WorkingDay): Promise<void> {
  const channel = day.facts.adoptedChannel;
  if (!channel) throw new Error(`the province has not adopted 《${day.facts.title}》 yet`);
  const page = await openStory(day, 'zhanggongReporter');
  await page.getByRole('tab', { name: /采用反馈/ }).click();
  const row = page.getByTestId('feedback-table').getByRole('row').filter({ hasText: channel });
  const provinceRow = row.filter({ hasText: '江西' }).first();
  await provinceRow.waitFor({ timeout: 60_000 });
  // Only the 积分 cell holds a bare number (the version reads v1, the time has separators).
  await provinceRow.getByRole('cell', { name: /^\d+(\.\d+)?$/ }).waitFor();
  await page
    .getByTestId('feedback-count')
    .filter({ hasText: /积分合计 \d+/ })
    .waitFor();
  await screenshot(page, 'county-story-feedback');

  await page.goto('/desk/adoption-feedback');
  const listed = page.getByTestId('adoption-feedback').getByRole('row').filter({ hasText: day.facts.title }).filter({ hasText: channel }).first();
  await listed.getByRole('cell', { name: /^\d+(\.\d+)?$/ }).waitFor();
  await page
    .getByTestId('adoption-points-total')
    .filter({ hasText: /积分合计 \d+/ })
    .waitFor();
  await screenshot(page, 'county-adoption-feedback');
}

/** 章贡区: a correction (更正) goes out and the desk shows every copy's receipt (city pool, province index). */
export async function correctsAndSeesReceipts(day: WorkingDay): Promise<void> {
  const page = await openStory(day, 'zhanggongChief');
  await page.getByRole('tab', { name: '更正与回执' }).click();
  await page.getByTestId('story-correct').click();
  await page.getByTestId('correction-note').fill('更正：报送稿件数应为一百二十余篇');
  await page.locator('#correction_summary').fill('章贡区融媒体中心今年经三审上报赣州大稿库的稿件达一百二十余篇，省级平台选用后，采用一路反馈回县里。');
  await page.locator('.ant-modal-footer .ant-btn-primary').click();
  await page.getByTestId('story-correct').waitFor();

  // Every copy confirms the corrected version: the city's pool and the province's index.
  const table = page.getByTestId('receipts-table');
  const confirmedCorrection = (center: RegExp) =>
    table.getByRole('row').filter({ hasText: center }).filter({ hasText: '更正' }).filter({ hasText: '已确认' }).first();
  await confirmedCorrection(/赣州/).waitFor({ timeout: 90_000 });
  await confirmedCorrection(/江西/).waitFor({ timeout: 90_000 });
  await page.getByTestId('receipts-summary').filter({ hasText: '待确认 0 份' }).waitFor({ timeout: 30_000 });
  await screenshot(page, 'county-story-receipts');

  // The versions tab shows the correction side by side with what it replaced.
  await page.getByRole('tab', { name: '版本对比' }).click();
  await page.getByTestId('version-diff').waitFor();
}
