/**
 * Polls a counter until it reaches `target`; returns the performance.now() of the poll that saw
 * it. The poll interval bounds how late an end is seen. A count over a growing table every 100 ms
 * was itself a load on the database it measures, so far from the end the bench waits up to a second,
 * but never more than half the time the count's own pace says is left: the polls close in on the
 * end and see it within `intervalMs`. A fixed one-second wait far from the end (earlier runs) made
 * a phase of about a second measure as 1.0, 1.1 or 2.0 s, whichever poll it fell to: the same-work
 * floor read 199, 362 or 398 stories/s from one run to the next for that reason alone.
 *
 * `stallMs` bounds how long the count may stand still, not the whole wait: a slow machine should
 * get a slow number in the report, and only a stuck phase an error. With a fixed total, a
 * 50,000-story drain at 51 stories/s (a busy host, 2026-12-02) was still moving at 900 s and the
 * run ended with nothing written.
 */
export async function waitForCount(
  count: () => Promise<number>,
  target: number,
  onProgress: (n: number) => void,
  stallMs: number,
  intervalMs = 25,
  farIntervalMs = 1000,
): Promise<number> {
  let deadline = performance.now() + stallMs;
  let last = -1;
  let first: { n: number; at: number } | undefined;
  for (;;) {
    const n = await count();
    const now = performance.now();
    if (n !== last) {
      onProgress(n);
      deadline = now + stallMs;
    }
    last = n;
    if (n >= target) return now;
    if (now > deadline) throw new Error(`only ${n} of ${target} arrived, and none for ${Math.round(stallMs / 1000)} s`);
    const since = (first ??= { n, at: now });
    const perMs = n > since.n ? (n - since.n) / (now - since.at) : undefined;
    await new Promise((r) => setTimeout(r, nextPollMs(target - n, perMs, intervalMs, farIntervalMs)));
  }
}

/** Half the time left at `perMs` (items per millisecond so far), within [nearMs, farMs]; 100 ms while no pace is known. */
export function nextPollMs(remaining: number, perMs: number | undefined, nearMs: number, farMs: number): number {
  if (perMs === undefined || perMs <= 0) return Math.min(farMs, Math.max(nearMs, 100));
  return Math.min(farMs, Math.max(nearMs, remaining / perMs / 2));
}

/** For the bench's own connections: a count must not fork parallel workers on the machine it measures. */
export const PROBE_CONNECTION_OPTIONS = '-c max_parallel_workers_per_gather=0';
