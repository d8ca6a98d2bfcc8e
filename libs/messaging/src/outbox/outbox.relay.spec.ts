import { jetstreamManager } from '@nats-io/jetstream';
import { AppEnv } from '@syn/config';
import { STORY_SUBMITTED, StorySubmitted, STREAM_NAME } from '@syn/contracts';
import { MetricsRegistry, runWithRequestId } from '@syn/observability';
import { DeferredInserts, SnakeNamingStrategy } from '@syn/persistence';
import { createTestDatabase, NatsServerProcess, TestDatabase } from '@syn/testing';
import { DataSource } from 'typeorm';
import { JetStreamConnection } from '../jetstream/jetstream.connection';
import { MessagingTables1764100000000 } from '../migrations/1764100000000-messaging-tables';
import { OutboxRequestId1764101500100 } from '../migrations/1764101500100-outbox-request-id';
import { OutboxCommitSignal } from './outbox-commit.signal';
import { OutboxJanitor } from './outbox.janitor';
import { OutboxRelay } from './outbox.relay';
import { OutboxWriter } from './outbox.writer';

/** Medium test: the outbox against real PostgreSQL and a real JetStream server. */
describe('outbox → JetStream', () => {
  let db: TestDatabase;
  let nats: NatsServerProcess;
  let dataSource: DataSource;
  let connection: JetStreamConnection;
  let relay: OutboxRelay;
  const signal = new OutboxCommitSignal();
  let writer: OutboxWriter;
  const metrics = new MetricsRegistry();

  beforeAll(async () => {
    [db, nats] = await Promise.all([createTestDatabase('syn_outbox'), NatsServerProcess.start()]);
    dataSource = new DataSource({
      type: 'postgres',
      url: db.url,
      migrations: [MessagingTables1764100000000, OutboxRequestId1764101500100],
      namingStrategy: new SnakeNamingStrategy(),
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    // As in the apps: outbox rows are deferred to the commit of the transaction that appends them.
    writer = new OutboxWriter(signal, new DeferredInserts(dataSource));
    const env = { NATS_URL: nats.url, HOSTED_CENTERS: ['360702'], NATS_STREAM_REPLICAS: 1, DATABASE_URL: db.url, OUTBOX_POLL_MS: 50 } as AppEnv;
    connection = new JetStreamConnection(env);
    await connection.open();
    relay = new OutboxRelay(dataSource, connection, env, metrics);
  }, 60_000);

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await dataSource?.destroy();
    await Promise.all([db?.drop(), nats?.stop()]);
  });

  // The outbox does not validate payloads (their receivers do): a stand-in with only an id is enough here.
  const payload = (n: number) => ({ story: { id: `story-${n}` }, submittedBy: '刘敏', submittedAt: new Date().toISOString() }) as unknown as StorySubmitted;
  const streamCount = async () => (await (await jetstreamManager(connection.connection)).streams.info(STREAM_NAME)).state.messages;

  it('publishes committed rows with their event id as the message id, and nothing from a rolled-back transaction', async () => {
    const ids = await dataSource.transaction(async (m) => {
      const a = await writer.append(m, { type: STORY_SUBMITTED, parent: '360700', child: '360702', payload: payload(1) });
      // Written while serving a request: the message carries its id as a header.
      const b = await runWithRequestId('req-relay-spec', () =>
        writer.append(m, { type: STORY_SUBMITTED, parent: '360700', child: '360702', payload: payload(2) }),
      );
      return [a.id, b.id];
    });
    await expect(
      dataSource.transaction(async (m) => {
        await writer.append(m, { type: STORY_SUBMITTED, parent: '360700', child: '360702', payload: payload(3) });
        throw new Error('the change failed, so its event must not leave');
      }),
    ).rejects.toThrow('must not leave');

    expect(await relay.flush()).toBe(2);
    expect(await streamCount()).toBe(2);
    const jsm = await jetstreamManager(connection.connection);
    const first = await jsm.streams.getMessage(STREAM_NAME, { seq: 1 });
    expect(first!.header?.get('Nats-Msg-Id')).toBe(ids[0]);
    expect(first!.subject).toBe('syn.up.360700.360702.story.submitted');
    expect(first!.header?.get('x-request-id') ?? '').toBe('');
    expect((await jsm.streams.getMessage(STREAM_NAME, { seq: 2 }))!.header?.get('x-request-id')).toBe('req-relay-spec');
    const text = await metrics.render();
    expect(text).toMatch(/^syn_outbox_relay_lag_seconds_count 2$/m);
    expect(text).toMatch(/^syn_outbox_unsent 0$/m);
    expect(text).toMatch(/^syn_outbox_published_total 2$/m);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)).toEqual([{ n: 0 }]);
  });

  it('a crash between publish and marking sent republishes the same ids, which the stream drops', async () => {
    await dataSource.query(`UPDATE outbox SET sent_at = NULL`);
    expect(await relay.flush()).toBe(2);
    expect(await streamCount()).toBe(2);
  });

  it('keeps unsent rows while NATS is down and sends them once it is back', async () => {
    await nats.kill();
    await dataSource.transaction((m) => writer.append(m, { type: STORY_SUBMITTED, parent: '360700', child: '360702', payload: payload(4) }));
    await expect(relay.flush()).rejects.toThrow();
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`)).toEqual([{ n: 1 }]);
    await nats.restart();
    const deadline = Date.now() + 20_000;
    let sent = 0;
    while (Date.now() < deadline && sent === 0) sent = await relay.flush().catch(() => 0);
    expect(sent).toBe(1);
    expect(await streamCount()).toBe(3);
  }, 40_000);

  it('wakes the relay once the appending transaction has committed: not before, not for a savepoint, not on rollback', async () => {
    const seen: number[] = [];
    const stop = signal.onCommitted(() => seen.push(1));
    try {
      await dataSource.transaction(async (m) => {
        await writer.append(m, { type: STORY_SUBMITTED, parent: '360700', child: '360702', payload: payload(5) });
        await m.transaction((inner) => inner.query('SELECT 1'));
        expect(seen).toHaveLength(0);
      });
      expect(seen).toHaveLength(1);
      await expect(
        dataSource.transaction(async (m) => {
          await writer.append(m, { type: STORY_SUBMITTED, parent: '360700', child: '360702', payload: payload(6) });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      await dataSource.transaction((m) => m.query('SELECT 1'));
      expect(seen).toHaveLength(1);
      // Without a transaction the row is committed when the statement returns.
      await writer.append(dataSource.manager, { type: STORY_SUBMITTED, parent: '360700', child: '360702', payload: payload(7) });
      expect(seen).toHaveLength(2);
    } finally {
      stop();
    }
    expect(await relay.flush()).toBe(2);
  });

  it('an event larger than the limit is refused before it is written', async () => {
    await expect(
      dataSource.transaction((m) =>
        writer.append(m, { type: STORY_SUBMITTED, parent: '360700', child: '360702', payload: { ...payload(9), submittedBy: '融'.repeat(400_000) } }),
      ),
    ).rejects.toThrow(/over the 921600 limit/);
  });

  it('vacuums the outbox itself once it has published enough rows, so its claim does not walk past dead entries', async () => {
    const vacuums = async () => {
      await dataSource.query('SELECT pg_stat_clear_snapshot()');
      const [{ n }] = await dataSource.query(`SELECT vacuum_count::int AS n FROM pg_stat_user_tables WHERE relname = 'outbox'`);
      return n as number;
    };
    const before = await vacuums();
    const env = {
      NATS_URL: nats.url,
      HOSTED_CENTERS: ['360702'],
      NATS_STREAM_REPLICAS: 1,
      DATABASE_URL: db.url,
      OUTBOX_POLL_MS: 50,
      OUTBOX_VACUUM_AFTER_ROWS: 3,
    } as AppEnv;
    const vacuumingRelay = new OutboxRelay(dataSource, connection, env, metrics);
    for (const n of [1, 2]) {
      await dataSource.transaction((m) => writer.append(m, { type: STORY_SUBMITTED, parent: '360700', child: '360702', payload: payload(100 + n) }));
      await vacuumingRelay.flush();
    }
    await vacuumingRelay.onApplicationShutdown();
    expect(await vacuums()).toBe(before);
    await dataSource.transaction((m) => writer.append(m, { type: STORY_SUBMITTED, parent: '360700', child: '360702', payload: payload(103) }));
    await vacuumingRelay.flush();
    // Shutting down waits for a vacuum in progress.
    await vacuumingRelay.onApplicationShutdown();
    const deadline = Date.now() + 5000;
    while ((await vacuums()) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await vacuums()).toBe(before + 1);
  });

  it('the janitor drops sent rows past retention and keeps recent ones', async () => {
    await dataSource.query(`UPDATE outbox SET sent_at = now() - interval '30 days' WHERE seq = (SELECT min(seq) FROM outbox)`);
    const swept = await new OutboxJanitor(dataSource).sweep();
    expect(swept.outbox).toBe(1);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM outbox`)).toEqual([{ n: 7 }]);
  });
});
