/**
 * Polls a counter until it reaches `target`; returns the performance.now() of the poll that saw
 * it. The poll interval bounds how late an end is seen, so it is kept short.
 */
export async function waitForCount(count: () => Promise<number>, target: number, onProgress: (n: number) => void, timeoutMs: number, intervalMs = 100): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let last = -1;
  for (;;) {
    const n = await count();
    const now = performance.now();
    if (n !== last) onProgress(n);
    last = n;
    if (n >= target) return now;
    if (now > deadline) throw new Error(`only ${n} of ${target} arrived within ${Math.round(timeoutMs / 1000)} s`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
