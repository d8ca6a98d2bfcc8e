import { Client } from 'pg';
import { expectClean, FaultHarness, useFaultHarness, HUB, LOAD_MS, sleep } from './support/fault-harness';

/**
 * Proof under process and infrastructure faults. While four counties keep submitting (and now and
 * then correcting or withdrawing) and a curator accepts everything, each scenario breaks something
 * for real; afterwards the checker compares every acknowledged submission with the city pool and
 * the provincial index and prints one line per scenario. Any lost, duplicated or mismatched story
 * fails the test.
 */
describe('faults: crashes, broker and database outages', () => {
  let h: FaultHarness;

  useFaultHarness(async () => (h = await FaultHarness.start()));

  it('county-crash-before-publish: kill -9 a county app between database commit and publish', async () => {
    const a = h.net.app('county-a');
    // Test-only hook: the relay SIGKILLs its own process when about to publish committed rows.
    a.env.FAULT_CRASH_BEFORE_PUBLISH = '12';
    await h.net.restart('county-a');
    const load = h.startLoad('crash-before-publish');
    const exit = await Promise.race([a.process.exited(), sleep(90_000).then(() => null)]);
    expect(exit).toMatchObject({ signal: 'SIGKILL' });
    const [{ unsent }] = await h.sql<{ unsent: number }>('county-a', `SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL`);
    expect(unsent).toBeGreaterThan(0);
    delete a.env.FAULT_CRASH_BEFORE_PUBLISH;
    await h.net.restart('county-a');
    await sleep(LOAD_MS / 2);
    await load.stop();
    expectClean(await h.converge('county-crash-before-publish', load));
  }, 300_000);

  it('city-crash-mid-consume: kill -9 the city app while it consumes', async () => {
    const load = h.startLoad('city-crash');
    await sleep(LOAD_MS / 2);
    await h.net.app(HUB).process.kill('SIGKILL');
    await sleep(1000);
    await h.net.restart(HUB);
    await sleep(LOAD_MS / 2);
    await load.stop();
    expectClean(await h.converge('city-crash-mid-consume', load));
  }, 300_000);

  it('nats-restart: kill -9 the NATS server and start it again', async () => {
    const load = h.startLoad('nats-restart');
    await sleep(LOAD_MS / 2);
    await h.nats.kill('SIGKILL');
    await sleep(3000);
    await h.nats.restart();
    await sleep(LOAD_MS / 2);
    await load.stop();
    expectClean(await h.converge('nats-restart', load));
  }, 300_000);

  it('pg-terminate: cut every app’s PostgreSQL connections with pg_terminate_backend, three times', async () => {
    const load = h.startLoad('pg-terminate');
    const names = h.net.apps.map((a) => a.database.name);
    let cut = 0;
    for (let i = 0; i < 3; i++) {
      await sleep(LOAD_MS / 4);
      const admin = new Client({
        host: process.env.PGHOST || '127.0.0.1',
        port: Number(process.env.PGPORT || 5432),
        user: process.env.PGUSER || 'postgres',
        database: 'postgres',
      });
      await admin.connect();
      try {
        const r = await admin.query(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE datname = ANY($1) AND pid <> pg_backend_pid()`, [
          names,
        ]);
        cut += r.rowCount ?? 0;
      } finally {
        await admin.end();
      }
    }
    expect(cut).toBeGreaterThan(0);
    await sleep(LOAD_MS / 4);
    await load.stop();
    expectClean(await h.converge('pg-terminate', load));
  }, 300_000);

  it('hub-outage: keep the city hub down for a while, then let it catch up', async () => {
    const load = h.startLoad('hub-outage');
    await sleep(LOAD_MS / 3);
    await h.net.app(HUB).process.stop();
    await sleep(Math.max(LOAD_MS, 5000));
    const [{ waiting }] = await h.sql<{ waiting: number }>(
      'county-b',
      `SELECT count(*)::int AS waiting FROM stories WHERE status = 'submitted' AND withdrawn_at IS NULL`,
    );
    expect(waiting).toBeGreaterThan(0);
    await h.net.restart(HUB);
    await sleep(LOAD_MS / 3);
    await load.stop();
    expectClean(await h.converge('hub-outage', load));
  }, 300_000);
});
