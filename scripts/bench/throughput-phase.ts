import type { BenchOptions } from './bench-options';
import type { CpuMeter } from './cpu-meter';
import type { LoadDriver } from './load-driver';
import type { NetworkUnderTest } from './network-under-test';
import type { ProgressBar } from './progress-bar';
import { waitForCount } from './wait-for-count';

export interface ThroughputResult {
  stories: number;
  draftWriteRate: number;
  submitAckRate: number;
  poolThroughput: number;
  provinceThroughput: number;
  cpuSeconds: Record<string, number>;
  seconds: number;
}

/**
 * Drafts are prepared first, not part of the measure: written over HTTP (`http`, the warm-up, whose
 * rate is the one reported) or straight into the counties' databases (`seeded`); then the clock
 * starts at the first submit and stops when the last story is committed in a city pool, and when
 * the last one is committed in the provincial index.
 */
export async function measureThroughput(
  nut: NetworkUnderTest,
  driver: LoadDriver,
  o: BenchOptions,
  progress: ProgressBar,
  cpu: CpuMeter,
  drafting: 'http' | 'seeded',
): Promise<ThroughputResult> {
  const n = o.stories;
  progress.start(drafting === 'http' ? 'network: write drafts (HTTP)' : 'network: seed reviewed drafts', n);
  const d0 = performance.now();
  const drafts =
    drafting === 'http'
      ? await driver.writeDrafts(nut.topology.counties, n, o.concurrency, (k) => progress.update(k))
      : await driver.seedDrafts(
          nut.topology.counties,
          n,
          (county) => nut.db(nut.appOf(county)),
          (k) => progress.update(k),
        );
  const draftWriteRate = (n / (performance.now() - d0)) * 1000;
  progress.finish(`${draftWriteRate.toFixed(0)} drafts/s`);

  const pooled0 = await nut.pooledCount();
  const indexed0 = await nut.indexedCount();
  cpu.begin();
  progress.start('network: submit → pool → province', n);
  const t0 = performance.now();
  const submitting = driver.submitAll(drafts, o.concurrency, () => undefined);
  const pooledAt = waitForCount(
    async () => (await nut.pooledCount()) - pooled0,
    n,
    (k) => progress.update(k),
    15 * 60_000,
  );
  const indexedAt = waitForCount(
    async () => (await nut.indexedCount()) - indexed0,
    n,
    () => undefined,
    15 * 60_000,
  );
  const submitted = await submitting;
  const lastAck = submitted.reduce((m, s) => Math.max(m, s.ackedAt), 0);
  const tPool = await pooledAt;
  progress.finish(`pool ${((n / (tPool - t0)) * 1000).toFixed(0)} stories/s`);
  const tProvince = await indexedAt;
  return {
    stories: n,
    draftWriteRate,
    submitAckRate: (n / (lastAck - t0)) * 1000,
    poolThroughput: (n / (tPool - t0)) * 1000,
    provinceThroughput: (n / (tProvince - t0)) * 1000,
    cpuSeconds: cpu.end(),
    seconds: (tProvince - t0) / 1000,
  };
}
