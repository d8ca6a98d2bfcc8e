import { resolve } from 'node:path';
import { DiscardPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { AppProcess, createTestDatabase, TestDatabase } from '@syn/testing';
import { Client } from 'pg';
import { BareMessage } from './bare-payloads';
import { CpuMeter } from './cpu-meter';
import { ProgressBar } from './progress-bar';
import { procStatusKb } from './rss-sampler';
import { PROBE_CONNECTION_OPTIONS, waitForCount } from './wait-for-count';

const STREAM = 'BARE';
const DURABLE = 'bare';
const IN_FLIGHT = 1000;

export interface BareResult {
  stories: number;
  /** Stories/s from the first publish to the last row committed. */
  throughput: number;
  publishRate: number;
  catchUp: number;
  /** Stories/s the restarted consumer drained a backlog at, first row to last. */
  catchUpRate: number;
  /** Same, counted from the consumer's process start. */
  catchUpRateFromStart: number;
  cpuSeconds: Record<string, number>;
  rssMb: number;
}

/** Publishes with a window of acks in flight, as a relay would; Nats-Msg-Id is the dedupe id. */
async function publishAll(nc: NatsConnection, count: number, make: (i: number) => BareMessage, onProgress: (n: number) => void): Promise<number> {
  const js = jetstream(nc);
  const started = performance.now();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < count) {
      const m = make(next++);
      await js.publish(m.subject, m.data, { msgID: m.id, timeout: 30_000 });
      onProgress(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, worker));
  return (count / (performance.now() - started)) * 1000;
}

/**
 * The bare floor, measured in the same run and on the same broker and database server as the
 * network: raw publish with a dedupe id → durable pull consumer → batched idempotent INSERT.
 * Throughput with the consumer running, then catch-up: consumer stopped, backlog published,
 * consumer started again.
 */
export async function runBareBaseline(opts: {
  natsUrl: string;
  stories: number;
  catchUp: number;
  message: (i: number) => BareMessage;
  progress: ProgressBar;
}): Promise<BareResult> {
  const db = await createTestDatabase('syn_bench_bare');
  const nc = await connect({ servers: opts.natsUrl, name: 'bench-bare-publisher' });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({
    name: STREAM,
    subjects: ['bare.>'],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    duplicate_window: 10 * 60 * 1e9,
    num_replicas: 1,
  });
  const pg = new Client({ connectionString: db.url, options: PROBE_CONNECTION_OPTIONS });
  await pg.connect();
  let consumer: AppProcess | undefined;
  const rowCount = async () => Number((await pg.query(`SELECT count(*)::int AS n FROM bare_inbox`)).rows[0].n);
  const cpu = new CpuMeter(
    () => [{ name: 'bare-consumer', pid: consumer?.pid }],
    () => [db.name],
  );
  try {
    consumer = await startConsumer(opts.natsUrl, db);
    cpu.begin();

    // Throughput: the consumer keeps up as messages arrive.
    const pre = Array.from({ length: opts.stories }, (_, i) => opts.message(i));
    opts.progress.start('bare: publish → consume → insert', opts.stories);
    const t0 = performance.now();
    const publishing = publishAll(
      nc,
      opts.stories,
      (i) => pre[i],
      () => undefined,
    );
    const tEnd = await waitForCount(rowCount, opts.stories, (n) => opts.progress.update(n), 120_000);
    const publishRate = await publishing;
    const throughput = (opts.stories / (tEnd - t0)) * 1000;
    opts.progress.finish(`${throughput.toFixed(0)} stories/s`);
    const cpuSeconds = cpu.end();
    const rssMb = Math.round((procStatusKb(consumer.pid!, 'VmHWM') ?? 0) / 102.4) / 10;

    // Catch-up: a backlog waits in the stream while the consumer is down.
    await consumer.stop();
    opts.progress.start('bare: queue backlog (consumer down)', opts.catchUp);
    await publishAll(
      nc,
      opts.catchUp,
      (i) => opts.message(opts.stories + i),
      (n) => opts.progress.update(n),
    );
    opts.progress.finish();
    opts.progress.start('bare: catch-up drain', opts.catchUp);
    const spawned = performance.now();
    consumer = await startConsumer(opts.natsUrl, db);
    let firstRow = 0;
    const drained = await waitForCount(
      async () => (await rowCount()) - opts.stories,
      opts.catchUp,
      (n) => {
        if (n > 0 && !firstRow) firstRow = performance.now();
        opts.progress.update(n);
      },
      600_000,
    );
    // A backlog drained before the first poll has no first row of its own: count from the start.
    const catchUpRate = (opts.catchUp / (drained - (firstRow && firstRow < drained ? firstRow : spawned))) * 1000;
    opts.progress.finish(`${catchUpRate.toFixed(0)} stories/s`);
    return {
      stories: opts.stories,
      throughput,
      publishRate,
      catchUp: opts.catchUp,
      catchUpRate,
      catchUpRateFromStart: (opts.catchUp / (drained - spawned)) * 1000,
      cpuSeconds,
      rssMb,
    };
  } finally {
    await consumer?.stop().catch(() => undefined);
    await pg.end().catch(() => undefined);
    await jsm.streams.delete(STREAM).catch(() => undefined);
    await nc.close().catch(() => undefined);
    await db.drop().catch(() => undefined);
  }
}

async function startConsumer(natsUrl: string, db: TestDatabase): Promise<AppProcess> {
  const p = await AppProcess.start(resolve(__dirname, 'bare-consumer.js'), {
    name: 'bare-consumer',
    env: { BARE_NATS_URL: natsUrl, BARE_DATABASE_URL: db.url, BARE_STREAM: STREAM, BARE_DURABLE: DURABLE, BARE_BATCH: '256' },
  });
  await p.waitForLine(/bare consumer ready/, 30_000);
  return p;
}
