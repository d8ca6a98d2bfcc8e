import type { WorkingDay } from './working-day';

/** 章贡区: the reporter writes the day's story through the editor (facts.storyId is set here). */
export async function reporterWritesStory(day: WorkingDay): Promise<void> {
  throw new Error(`county step not built yet (${day.facts.title})`);
}

/** 章贡区: 初审, 复审 and 终审 signed in the desk by different people; 终审 submits (上报) to 赣州. */
export async function reviewAndSubmit(day: WorkingDay): Promise<void> {
  throw new Error(`county step not built yet (${day.facts.title})`);
}

/** 章贡区: the story page shows the province's adoption and the points it earned. */
export async function seesAdoptionAndPoints(day: WorkingDay): Promise<void> {
  throw new Error(`county step not built yet (${day.facts.title})`);
}

/** 章贡区: a correction (更正) goes out and the desk shows every copy's receipt (city pool, province index). */
export async function correctsAndSeesReceipts(day: WorkingDay): Promise<void> {
  throw new Error(`county step not built yet (${day.facts.title})`);
}
