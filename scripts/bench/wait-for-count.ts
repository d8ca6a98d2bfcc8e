/**
 * Polls a counter until it reaches `target`; returns the performance.now() of the poll that saw
 * it. The poll interval bounds how late an end is seen, so it is short near the end; far from it
 * the bench polls once a second, because a count over a growing table every 100 ms was itself a
 * load on the database it measures.
 */
export async function waitForCount(
  count: () => Promise<number>,
  target: number,
  onProgress: (n: number) => void,
  timeoutMs: number,
  intervalMs = 100,
  farIntervalMs = 1000,
): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  const near = Math.max(200, Math.ceil(target * 0.02));
  let last = -1;
  for (;;) {
    const n = await count();
    const now = performance.now();
    if (n !== last) onProgress(n);
    last = n;
    if (n >= target) return now;
    if (now > deadline) throw new Error(`only ${n} of ${target} arrived within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, target - n > near ? Math.max(intervalMs, farIntervalMs) : intervalMs));
  }
}

/** For the bench's own connections: a count must not fork parallel workers on the machine it measures. */
export const PROBE_CONNECTION_OPTIONS = '-c max_parallel_workers_per_gather=0';
