import type { BenchOptions } from './bench-options';
import { LatencyProbe } from './latency-probe';
import type { LoadDriver } from './load-driver';
import type { NetworkUnderTest } from './network-under-test';
import { distribution } from './percentiles';
import type { ProgressBar } from './progress-bar';

export interface LatencyResult {
  offeredRate: number;
  stories: number;
  achievedSubmitRate: number;
  submitAckMs: { p50: number; p95: number; p99: number };
  submitToPoolMs: { p50: number; p95: number; p99: number; max: number };
  submitToProvinceMs: { p50: number; p95: number; p99: number; max: number };
  /** Submits the counties did not acknowledge (overload), and acknowledged ones not visible within 2 minutes. */
  rejected: number;
  invisible: number;
}

const summary = distribution;

/**
 * Fixed offered load (open loop, o.rate stories/s for o.latencySeconds), each story timed from
 * the moment its submit was due to the commit that made it visible in its city pool and in the
 * provincial index.
 */
export async function measureLatency(nut: NetworkUnderTest, driver: LoadDriver, o: BenchOptions, progress: ProgressBar): Promise<LatencyResult> {
  const n = o.rate * o.latencySeconds;
  progress.start('latency: seed reviewed drafts', n);
  const drafts = await driver.seedDrafts(
    nut.topology.counties,
    n,
    (county) => nut.db(nut.appOf(county)),
    (k) => progress.update(k),
  );
  progress.finish();

  const probe = new LatencyProbe([
    ...nut.cities.map((c) => ({ name: c.name, url: c.database.url, table: 'pool_stories' as const })),
    { name: nut.province.name, url: nut.province.database.url, table: 'story_index' as const },
  ]);
  await probe.connect();
  try {
    progress.start(`latency: ${o.rate} stories/s offered`, n);
    const t0 = performance.now();
    probe.start(
      drafts.map((d) => d.id),
      t0,
      o.rate,
    );
    const all = await driver.submitAtRate(drafts, o.rate, (k) => progress.update(k));
    const submitted = all.filter((s) => !s.error);
    const rejected = all.length - submitted.length;
    if (rejected > 0) progress.note(`latency: ${rejected} of ${n} submits were not acknowledged (first: ${all.find((s) => s.error)?.error})`);
    const achievedSubmitRate = (n / (submitted.reduce((m, s) => Math.max(m, s.ackedAt), 0) - t0)) * 1000;
    progress.finish();
    progress.start('latency: waiting for the tail', n);
    const deadline = performance.now() + 120_000;
    while (probe.count('story_index') < submitted.length && performance.now() < deadline) {
      progress.update(probe.count('story_index'));
      await new Promise((r) => setTimeout(r, 100));
    }
    progress.finish();
    const toPool: number[] = [];
    const toProvince: number[] = [];
    let missing = 0;
    for (const s of submitted) {
      const p = probe.seenAt('pool_stories', s.id);
      const i = probe.seenAt('story_index', s.id);
      if (p === undefined || i === undefined) missing++;
      if (p !== undefined) toPool.push(p - s.sentAt);
      if (i !== undefined) toProvince.push(i - s.sentAt);
    }
    if (missing > 0) progress.note(`latency: ${missing} acknowledged stories were not visible within 2 minutes; percentiles cover the visible ones`);
    return {
      offeredRate: o.rate,
      stories: n,
      rejected,
      invisible: missing,
      achievedSubmitRate,
      submitAckMs: summary(submitted.map((s) => s.ackedAt - s.sentAt)),
      submitToPoolMs: summary(toPool),
      submitToProvinceMs: summary(toProvince),
    };
  } finally {
    await probe.stop();
  }
}
