import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { NetworkUnderTest } from './network-under-test';

/**
 * BENCH_METRICS_DIR=<dir>: after each network phase, every app's `/metrics` goes to
 * `<dir>/<phase>/<app>.prom`. The histograms there (outbox relay lag, consumer event age, batch
 * apply time and size, HTTP durations) say which hop a latency comes from; they are cumulative, so a phase's
 * own share is its file minus the previous phase's.
 */
export async function saveAppMetrics(nut: NetworkUnderTest, phase: string): Promise<void> {
  const dir = process.env.BENCH_METRICS_DIR;
  if (!dir) return;
  const into = join(dir, phase);
  mkdirSync(into, { recursive: true });
  await Promise.all(
    nut.apps.map(async (app) => {
      const res = await fetch(`${app.http}/metrics`);
      if (!res.ok) throw new Error(`metrics of ${app.name}: HTTP ${res.status}`);
      writeFileSync(join(into, `${app.name}.prom`), await res.text());
    }),
  );
}
