import { resolve } from 'node:path';
import { DiscardPolicy, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { APP_NODE_ARGS, APP_PROCESS_ENV } from '@syn/config';
import { AppProcess, createTestDatabase, NatsServerProcess, TestDatabase } from '@syn/testing';
import { Pool } from 'pg';
import type { BenchOptions } from './bench-options';
import type { BenchTopology } from './bench-topology';
import { PROVINCE } from './bench-topology';
import { CpuMeter } from './cpu-meter';
import { FLOOR_CONTROL, FLOOR_HUB_DURABLE, FLOOR_STREAM, FLOOR_SUBJECTS, floorStoryId, type PublishOrder } from './floor-wire';
import { LatencyProbe } from './latency-probe';
import { distribution } from './percentiles';
import type { ProgressBar } from './progress-bar';
import { procStatusKb } from './rss-sampler';
import { PROBE_CONNECTION_OPTIONS, waitForCount } from './wait-for-count';

type Distribution = ReturnType<typeof distribution>;

export interface FloorResult {
  stories: number;
  /** Stories/s from the first order to the last row committed in the hub's pool, and in the province's index. */
  poolThroughput: number;
  provinceThroughput: number;
  cpuSeconds: Record<string, number>;
  offeredRate: number;
  latencyStories: number;
  submitToPoolMs: Distribution;
  submitToProvinceMs: Distribution;
  invisible: number;
  catchUp: number;
  /** Stories/s the restarted hub drained its backlog at, first row to last; from its process start; to the province. */
  drainRate: number;
  drainRateFromStart: number;
  drainToProvinceRate: number;
  rssMb: Record<string, number>;
}

type Role = 'publisher' | 'hub' | 'province';
const ENTRY: Record<Role, string> = { publisher: 'floor-publisher.js', hub: 'floor-hub.js', province: 'floor-province.js' };
const NAME: Record<Role, string> = { publisher: 'floor-counties', hub: 'floor-hub', province: 'floor-province' };

/**
 * The same-work floor, in the same run, on the same broker and database server as the network:
 * three processes (counties, one hub, the province; floor-*.ts) doing the work the network must do
 * for a story, built the cheapest way this stack allows: set-based statements, one transaction per
 * batch, an inbox for idempotence, the text work once at the hub. Measured exactly as the network
 * is: throughput to the pool and to the province, open-loop latency at the same offered rate, and
 * the drain of a backlog that waited in JetStream while the hub was down.
 */
export async function runSameWorkFloor(nats: NatsServerProcess, topology: BenchTopology, o: BenchOptions, progress: ProgressBar): Promise<FloorResult> {
  const natsUrl = nats.url;
  const dbs: Record<Role, TestDatabase> = {
    publisher: await createTestDatabase('syn_bench_floor_county'),
    hub: await createTestDatabase('syn_bench_floor_hub'),
    province: await createTestDatabase('syn_bench_floor_province'),
  };
  const nc = await connect({ servers: natsUrl, name: 'bench-floor' });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({
    name: FLOOR_STREAM,
    subjects: [FLOOR_SUBJECTS],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    duplicate_window: 10 * 60 * 1e9,
    num_replicas: 1,
  });
  const routes = topology.counties.map((c) => [c, topology.centers.find((x) => x.code === c)!.parent]);
  const procs: Partial<Record<Role, AppProcess>> = {};
  const rss: Record<string, number> = {};
  const start = async (role: Role) => {
    const p = await AppProcess.start(resolve(__dirname, ENTRY[role]), {
      name: NAME[role],
      // The apps' own V8 settings, so the two footprints compare.
      nodeArgs: [...APP_NODE_ARGS],
      env: { ...APP_PROCESS_ENV, FLOOR_NATS_URL: natsUrl, FLOOR_DATABASE_URL: dbs[role].url, FLOOR_PROVINCE: PROVINCE, FLOOR_ROUTES: JSON.stringify(routes) },
    });
    // Loading the dictionary and the product's libraries takes seconds on a busy machine.
    await p.waitForLine(new RegExp(`floor ${role} ready`), 120_000);
    procs[role] = p;
  };
  const stop = async (role: Role) => {
    const p = procs[role];
    if (!p) return;
    const kb = p.pid ? procStatusKb(p.pid, 'VmHWM') : undefined;
    if (kb) rss[NAME[role]] = Math.max(rss[NAME[role]] ?? 0, Math.round(kb / 102.4) / 10);
    await p.stop();
    procs[role] = undefined;
  };
  const hubDb = new Pool({ connectionString: dbs.hub.url, max: 1, options: PROBE_CONNECTION_OPTIONS });
  const provinceDb = new Pool({ connectionString: dbs.province.url, max: 1, options: PROBE_CONNECTION_OPTIONS });
  const pooled = async () => Number((await hubDb.query(`SELECT count(*)::int AS n FROM floor_pool`)).rows[0].n);
  const indexed = async () => Number((await provinceDb.query(`SELECT count(*)::int AS n FROM floor_index`)).rows[0].n);
  const cpu = new CpuMeter(
    () => [...(['publisher', 'hub', 'province'] as Role[]).map((r) => ({ name: NAME[r], pid: procs[r]?.pid })), { name: 'nats-server', pid: nats.pid }],
    () => Object.values(dbs).map((d) => d.name),
  );
  let serial = 0;
  const order = (count: number, rate: number) => publish(nc, { first: serial, count, rate }).finally(() => (serial += count));
  try {
    // The hub and the province first, so their tables exist before anything is counted.
    await start('hub');
    await start('province');
    await start('publisher');

    // Warm-up: JIT, the dictionary's first pages, every connection's first statement.
    const warm = Math.min(o.quick ? 200 : 500, o.stories);
    progress.start('floor: warm-up', warm);
    await order(warm, 0);
    await waitForCount(indexed, warm, (n) => progress.update(n), 120_000);
    progress.finish();

    // Throughput: as fast as the counties can submit.
    const n = o.stories;
    const pooled0 = await pooled();
    const indexed0 = await indexed();
    cpu.begin();
    progress.start('floor: submit → pool → province', n);
    const t0 = performance.now();
    const publishing = order(n, 0);
    const pooledAt = waitForCount(
      async () => (await pooled()) - pooled0,
      n,
      () => undefined,
      15 * 60_000,
    );
    const tProvince = await waitForCount(
      async () => (await indexed()) - indexed0,
      n,
      (k) => progress.update(k),
      15 * 60_000,
    );
    await publishing;
    const tPool = await pooledAt;
    const cpuSeconds = cpu.end();
    const provinceThroughput = (n / (tProvince - t0)) * 1000;
    progress.finish(`province ${provinceThroughput.toFixed(0)} stories/s`);

    // Latency: open loop at the network's offered rate; ids are known from the serials in advance.
    const m = o.rate * o.latencySeconds;
    const ids = Array.from({ length: m }, (_, i) => floorStoryId(serial + i));
    const probe = new LatencyProbe([
      { name: 'floor-hub', url: dbs.hub.url, table: 'floor_pool' },
      { name: 'floor-province', url: dbs.province.url, table: 'floor_index' },
    ]);
    await probe.connect();
    let latency: { toPool: number[]; toProvince: number[]; invisible: number };
    try {
      progress.start(`floor: ${o.rate} stories/s offered`, m);
      const l0 = performance.now();
      probe.start(ids, l0, o.rate);
      const ticker = setInterval(() => progress.update(probe.count('floor_index')), 200);
      await order(m, o.rate);
      const deadline = performance.now() + 120_000;
      while (probe.count('floor_index') < m && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      clearInterval(ticker);
      const due = (i: number) => l0 + (i * 1000) / o.rate;
      const toPool: number[] = [];
      const toProvince: number[] = [];
      let invisible = 0;
      ids.forEach((id, i) => {
        const p = probe.seenAt('floor_pool', id);
        const x = probe.seenAt('floor_index', id);
        if (p === undefined || x === undefined) invisible++;
        if (p !== undefined) toPool.push(p - due(i));
        if (x !== undefined) toProvince.push(x - due(i));
      });
      latency = { toPool, toProvince, invisible };
      progress.finish(`p99 → province ${distribution(toProvince).p99.toFixed(0)} ms`);
    } finally {
      await probe.stop();
    }

    // Catch-up: the hub is down while its counties submit the backlog, which waits in JetStream.
    const c = o.catchUp;
    const cPooled0 = await pooled();
    const cIndexed0 = await indexed();
    await stop('hub');
    progress.start('floor: backlog (hub down)', c);
    const backlogging = order(c, 0);
    await waitForCount(
      async () => (await jsm.consumers.info(FLOOR_STREAM, FLOOR_HUB_DURABLE)).num_pending,
      c,
      (k) => progress.update(k),
      10 * 60_000,
      250,
    );
    await backlogging;
    progress.finish();
    progress.start('floor: hub restarted, draining', c);
    let firstRow = 0;
    const spawned = performance.now();
    // Started before the counting begins: it prints "ready" before it takes its first message.
    await start('hub');
    const drainedAt = waitForCount(
      async () => (await pooled()) - cPooled0,
      c,
      (k) => {
        if (k > 0 && !firstRow) firstRow = performance.now();
        progress.update(k);
      },
      15 * 60_000,
    );
    const indexedAt = waitForCount(
      async () => (await indexed()) - cIndexed0,
      c,
      () => undefined,
      15 * 60_000,
    );
    const [tDrained, tIndexed] = await Promise.all([drainedAt, indexedAt]);
    // A backlog drained before the first poll has no first row of its own: count from the start.
    const drainRate = (c / (tDrained - (firstRow && firstRow < tDrained ? firstRow : spawned))) * 1000;
    progress.finish(`${drainRate.toFixed(0)} stories/s`);

    for (const role of ['publisher', 'hub', 'province'] as Role[]) await stop(role);
    return {
      stories: n,
      poolThroughput: (n / (tPool - t0)) * 1000,
      provinceThroughput,
      cpuSeconds,
      offeredRate: o.rate,
      latencyStories: m,
      submitToPoolMs: distribution(latency.toPool),
      submitToProvinceMs: distribution(latency.toProvince),
      invisible: latency.invisible,
      catchUp: c,
      drainRate,
      drainRateFromStart: (c / (tDrained - spawned)) * 1000,
      drainToProvinceRate: (c / (tIndexed - spawned)) * 1000,
      rssMb: rss,
    };
  } catch (e) {
    progress.note(`floor failed: ${(e as Error).message}`);
    for (const p of Object.values(procs)) if (p) process.stderr.write(`\n--- ${p.name} ---\n${p.logs().split('\n').slice(-30).join('\n')}\n`);
    throw e;
  } finally {
    for (const p of Object.values(procs)) await p?.stop().catch(() => undefined);
    await hubDb.end().catch(() => undefined);
    await provinceDb.end().catch(() => undefined);
    await jsm.streams.delete(FLOOR_STREAM).catch(() => undefined);
    await nc.close().catch(() => undefined);
    for (const db of Object.values(dbs)) await db.drop().catch(() => undefined);
  }
}

/** Sends the publisher an order and waits until it is published (JetStream has acknowledged every story). */
async function publish(nc: NatsConnection, order: PublishOrder): Promise<void> {
  const reply = await nc.request(FLOOR_CONTROL, JSON.stringify(order), { timeout: 15 * 60_000 });
  const r = reply.json<{ error?: string }>();
  if (r.error) throw new Error(`floor publisher: ${r.error}`);
}
