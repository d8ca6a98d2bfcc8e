import { as } from '../../support/http';
import { claimFromQueue, mergesFamily, opensFamily, seesInQueue } from '../city/city-desk-flow';
import { fileNearDuplicate } from '../city/near-duplicate';
import type { WorkingDay } from './working-day';

const CITY = '360700';
const NANKANG = '360703';
const NANKANG_NAME = '南康区融媒体中心';
const ZHANGGONG_NAME = '章贡区融媒体中心';

/** 赣州: the curator opens the review queue before anything is submitted, to see it arrive live. */
export async function opensReviewQueue(day: WorkingDay): Promise<void> {
  const { page } = await day.tab('ganzhouCurator');
  await page.getByTestId('side-menu').getByText('审核队列').click();
  await page.getByTestId('live-state').filter({ hasText: '实时连接正常' }).waitFor();
}

/**
 * 赣州: the submitted story appears in the open queue without reload; the curator claims it, opens its
 * near-duplicate family (南康区's version of the same event, filed through the API by this step), merges
 * the two counties' stories crediting both, and accepts (入库).
 */
export async function claimsMergesAccepts(day: WorkingDay): Promise<void> {
  const { page } = await day.tab('ganzhouCurator');
  await seesInQueue(page, day.facts.title);

  // The day assumes 南康区 filed the same event too: its copy is set up through the API.
  const api = as(day.url(CITY), day.desk.net.token(CITY, 'curator', 'working-day-curator', '王审'));
  const queued = (await api.get(`/api/v1/centers/${CITY}/review-queue?limit=200`).expect(200)).body.items as {
    storyId: string;
    title: string;
    story: { title: string; body: string };
  }[];
  const mine = queued.find((q) => (day.facts.storyId ? q.storyId === day.facts.storyId : q.title === day.facts.title));
  if (!mine) throw new Error(`story “${day.facts.title}” is not in the review queue of ${CITY}`);
  day.facts.storyId ??= mine.storyId;
  // Same headline, its own closing words: a short story stays near only if most of it is the same.
  day.facts.nearDuplicateId = await fileNearDuplicate(day.desk.net, NANKANG, mine.story, '记者 张华', { closing: '（南康区融媒体中心 张华）' });
  await seesInQueue(page, day.facts.title, NANKANG_NAME);

  await claimFromQueue(page, day.facts.title, ZHANGGONG_NAME);
  await opensFamily(page, 2);
  const credits = await mergesFamily(page);
  if (!credits.includes('张华')) throw new Error(`the merged story does not credit 南康区's reporter: ${credits}`);

  await page.getByTestId('side-menu').getByText('大稿库').click();
  await page.getByTestId('pool-table').getByText(day.facts.title, { exact: true }).waitFor();
}
