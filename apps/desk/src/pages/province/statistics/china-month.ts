import dayjs, { type Dayjs } from 'dayjs';

const CST_OFFSET_MS = 8 * 3600 * 1000;

/**
 * This month as the province counts it: in China Standard Time (UTC+8), whatever zone the browser
 * is set to. The server's month ranges are CST months, so a desk on UTC would otherwise open the
 * first eight hours of every month on last month's (by then empty) figures.
 */
export function currentChinaMonth(now: number = Date.now()): Dayjs {
  const cst = new Date(now + CST_OFFSET_MS);
  return dayjs(new Date(cst.getUTCFullYear(), cst.getUTCMonth(), 1));
}
