import type { WorkingDay } from './working-day';

/** 江西: the desk opens the live watch of every pool before the city accepts anything. */
export async function opensLiveWatch(day: WorkingDay): Promise<void> {
  throw new Error(`province step not built yet (${day.facts.title})`);
}

/** 江西: the accepted story appears in the open watch without reload; the desk searches it in the index (highlighted), opens it and adopts it for a channel. */
export async function seesArrivalSearchesAdopts(day: WorkingDay): Promise<void> {
  throw new Error(`province step not built yet (${day.facts.title})`);
}
