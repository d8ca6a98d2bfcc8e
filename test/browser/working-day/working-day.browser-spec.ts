import * as city from './city-steps';
import * as county from './county-steps';
import * as province from './province-steps';
import { WorkingDay } from './working-day';

/**
 * One scripted working day, all through the desk in Chromium against the real network: a county
 * writes and signs a story, the city claims, merges near-duplicates and accepts, the province sees
 * it arrive live, finds it and adopts it, the county sees its adoption and points, and a correction
 * reaches every copy with receipts. Steps run in order and share one network and one browser.
 */
/** A step waits for what its user would see (live updates, pulls over gRPC), never a fixed time. */
const STEP_MS = 120_000;

describe('a working day across the three levels (Chromium)', () => {
  let day: WorkingDay;

  beforeAll(async () => {
    day = await WorkingDay.start();
  }, 180_000);

  afterAll(async () => {
    await day?.stop();
  });

  it('the province opens its live watch', () => province.opensLiveWatch(day), STEP_MS);
  it('the city curator opens the review queue', () => city.opensReviewQueue(day), STEP_MS);
  it('a 章贡区 reporter writes the story', () => county.reporterWritesStory(day), STEP_MS);
  it('三审 is signed and the story is submitted to 赣州', () => county.reviewAndSubmit(day), STEP_MS);
  it('赣州 sees it arrive, claims it, merges 南康区’s near-duplicate and accepts', () => city.claimsMergesAccepts(day), STEP_MS);
  it('江西 sees it arrive live, searches it, opens it and adopts it', () => province.seesArrivalSearchesAdopts(day), STEP_MS);
  it('章贡区 sees the adoption and its points', () => county.seesAdoptionAndPoints(day), STEP_MS);
  it('a correction reaches every copy and the desk shows the receipts', () => county.correctsAndSeesReceipts(day), STEP_MS);

  it('no tab met a console error, a CSP violation or a failed request all day', () => {
    expect(day.problems()).toEqual([]);
  });
});
