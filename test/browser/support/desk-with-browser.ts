import type { Browser } from 'playwright-core';
import type { TestAppSpec } from '@syn/testing';
import { launchChromium } from './chromium';
import { startDeskNetwork, type DeskNetwork } from './desk-network';

/**
 * The network and Chromium, started side by side. When one half fails the other is shut down before
 * the error goes on: a browser left running after its network failed to start keeps Jest from
 * exiting, and a whole lane then hangs instead of failing.
 */
export async function startDeskWithBrowser(
  opts: { apps?: TestAppSpec[]; env?: Record<string, string> } = {},
): Promise<{ desk: DeskNetwork; browser: Browser }> {
  const [desk, browser] = await Promise.allSettled([startDeskNetwork(opts), launchChromium()]);
  if (desk.status === 'fulfilled' && browser.status === 'fulfilled') return { desk: desk.value, browser: browser.value };
  if (browser.status === 'fulfilled') await browser.value.close().catch(() => undefined);
  if (desk.status === 'fulfilled') await desk.value.stop().catch(() => undefined);
  throw desk.status === 'rejected' ? desk.reason : (browser as PromiseRejectedResult).reason;
}
