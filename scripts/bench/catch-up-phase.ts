import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { STREAM_NAME } from '@syn/contracts';
import type { BenchOptions } from './bench-options';
import { seedBacklog } from './backlog-seeder';
import type { NetworkUnderTest } from './network-under-test';
import type { ProgressBar } from './progress-bar';
import { waitForCount } from './wait-for-count';

export interface CatchUpResult {
  hub: string;
  process: string;
  stories: number;
  /** Stories/s from the first to the last row of the backlog committed in the hub's pool. */
  drainRate: number;
  /** Same, counted from the moment the hub's process was started. */
  drainRateFromStart: number;
  /** Stories/s until the province had indexed the whole backlog, from the process start. */
  provinceRate: number;
  queueSeconds: number;
}

/**
 * One city hub's process is stopped; `catchUp` submitted stories of its counties are put in the
 * counties' outboxes (backlog-seeder.ts), which their relays publish and JetStream holds on the
 * hub's durable consumer. Then the process is started again and the backlog drains into the
 * pool (and on to the province).
 */
export async function measureCatchUp(nut: NetworkUnderTest, paragraphs: string[], o: BenchOptions, progress: ProgressBar): Promise<CatchUpResult> {
  const hub = nut.topology.hubs[0];
  const app = nut.appOf(hub);
  const counties = nut.topology.countiesOf.get(hub)!;
  const n = o.catchUp;
  const poolCount = async () => Number((await nut.db(app).query(`SELECT count(*)::int AS n FROM pool_stories WHERE hub_code = $1`, [hub])).rows[0].n);
  const indexCount = async () => Number((await nut.db(nut.province).query(`SELECT count(*)::int AS n FROM story_index WHERE hub_code = $1`, [hub])).rows[0].n);
  const pooled0 = await poolCount();
  const indexed0 = await indexCount();

  await app.process.stop();
  const q0 = performance.now();
  progress.start(`catch-up: ${app.name} down, backlog into county outboxes`, n);
  // Per county process, its share of the hub's counties, as their editors would have submitted.
  const byProcess = new Map<string, string[]>();
  for (const c of counties) byProcess.set(nut.appOf(c).name, [...(byProcess.get(nut.appOf(c).name) ?? []), c]);
  let seeded = 0;
  let serial = 10_000_000;
  const shares = [...byProcess.entries()].map(([name, cs], i, all) => ({ name, cs, count: Math.floor(n / all.length) + (i < n % all.length ? 1 : 0) }));
  for (const { name, cs, count } of shares) {
    const before = seeded;
    await seedBacklog(nut.db(nut.net.app(name)), hub, cs, count, serial, paragraphs, (k) => progress.update((seeded = before + k)));
    serial += count;
  }
  progress.finish();

  // Wait until the counties' relays have handed the whole backlog to JetStream.
  const nc = await connect({ servers: nut.nats.url, name: 'bench-catch-up' });
  try {
    const jsm = await jetstreamManager(nc);
    const durable = `${hub}-from-children`;
    progress.start('catch-up: backlog reaches the broker', n);
    await waitForCount(
      async () => (await jsm.consumers.info(STREAM_NAME, durable)).num_pending,
      n,
      (k) => progress.update(k),
      10 * 60_000,
      250,
    );
    progress.finish();
  } finally {
    await nc.close();
  }
  const queueSeconds = (performance.now() - q0) / 1000;

  progress.start(`catch-up: ${hub} restarted, draining`, n);
  let firstRow = 0;
  const started = performance.now();
  const drained = waitForCount(
    async () => (await poolCount().catch(() => pooled0)) - pooled0,
    n,
    (k) => {
      if (k > 0 && !firstRow) firstRow = performance.now();
      progress.update(k);
    },
    15 * 60_000,
  );
  const indexed = waitForCount(
    async () => (await indexCount()) - indexed0,
    n,
    () => undefined,
    15 * 60_000,
  );
  await nut.net.restart(app.name);
  const tDrained = await drained;
  // A backlog drained before the first poll has no first row of its own: count from the start.
  const drainRate = (n / (tDrained - (firstRow && firstRow < tDrained ? firstRow : started))) * 1000;
  progress.finish(`${drainRate.toFixed(0)} stories/s`);
  const tIndexed = await indexed;
  return {
    hub,
    process: app.name,
    stories: n,
    drainRate,
    drainRateFromStart: (n / (tDrained - started)) * 1000,
    provinceRate: (n / (tIndexed - started)) * 1000,
    queueSeconds,
  };
}
