import type { Locator, Page } from 'playwright-core';

const OPEN_LIST = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

/**
 * Picks `option` in the Ant Design select `select` (its `.ant-select` box) and returns once the box
 * shows it. On a loaded machine a click can land while the list is still sliding in and be lost,
 * and the test would only find out at the form's submit, as a missing success message. The box's
 * own display is the proof the choice was taken, so a lost pick is tried again.
 * A multiple select keeps its list open over the fields below: `closeBy` (a dialog's title) is
 * clicked to close it, as a person would.
 */
export async function pickOption(page: Page, select: Locator, option: string, opts: { closeBy?: Locator } = {}): Promise<void> {
  const chosen = select.filter({ hasText: option });
  for (let attempt = 1; ; attempt++) {
    if ((await page.locator(OPEN_LIST).count()) === 0) await select.click();
    await page.locator(OPEN_LIST).locator('.ant-select-item-option').filter({ hasText: option }).click();
    const shown = await chosen.waitFor({ timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (shown) break;
    if (attempt === 3) throw new Error(`the select never showed「${option}」after ${attempt} picks`);
  }
  if (opts.closeBy) {
    await opts.closeBy.click();
    await page.locator(OPEN_LIST).waitFor({ state: 'detached' });
  }
}
