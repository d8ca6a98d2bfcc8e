import type { WorkingDay } from './working-day';

/** 赣州: the curator opens the review queue before anything is submitted, to see it arrive live. */
export async function opensReviewQueue(day: WorkingDay): Promise<void> {
  throw new Error(`city step not built yet (${day.facts.title})`);
}

/**
 * 赣州: the submitted story appears in the open queue without reload; the curator claims it, opens its
 * near-duplicate family (南康区's version of the same event, filed through the API by this step), merges
 * the two counties' stories crediting both, and accepts (入库).
 */
export async function claimsMergesAccepts(day: WorkingDay): Promise<void> {
  throw new Error(`city step not built yet (${day.facts.title})`);
}
