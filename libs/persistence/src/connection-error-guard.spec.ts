import { createTestDatabase, TestDatabase } from '@syn/testing';
import { Client, type Pool, type PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { createAppDataSource } from './app-data-source';

/** Medium test: the app's pool against real PostgreSQL, with its connections cut by the server. */
describe('connections cut by the server', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  const pool = () => (dataSource.driver as unknown as { master: Pool }).master;

  beforeAll(async () => {
    db = await createTestDatabase('syn_conn_guard');
    dataSource = createAppDataSource([], { url: db.url, applicationName: 'syn-conn-guard', poolSize: 4 });
    await dataSource.initialize();
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('hands out every connection, new or reused, with an error listener already on it', async () => {
    // pg-pool removes its own listener before its callback runs; TypeORM adds one only a promise tick
    // later. An 'error' emitted in between (ReadyForQuery and a FATAL in one read) had no listener.
    const listeners: number[] = [];
    const take = () =>
      new Promise<() => void>((resolve, reject) =>
        pool().connect((err: Error | undefined, client: PoolClient | undefined, release: () => void) => {
          if (err || !client) return reject(err ?? new Error('no client'));
          listeners.push(client.listenerCount('error'));
          resolve(release);
        }),
      );
    const held = await Promise.all([take(), take(), take()]);
    held.forEach((release) => release());
    const again = await take();
    again();
    expect(listeners).toHaveLength(4);
    for (const n of listeners) expect(n).toBeGreaterThanOrEqual(1);
  });

  it('keeps working after pg_terminate_backend cuts every connection', async () => {
    await Promise.all([1, 2, 3].map(() => dataSource.query('SELECT pg_sleep(0.05)')));
    const admin = new Client({ connectionString: db.url });
    await admin.connect();
    const [{ cut }] = (
      await admin.query(
        `SELECT count(pg_terminate_backend(pid))::int AS cut FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
      )
    ).rows as Array<{ cut: number }>;
    await admin.end();
    expect(cut).toBeGreaterThan(0);
    const answers: string[] = [];
    for (let i = 0; i < 20 && answers.length === 0; i++) {
      await dataSource
        .query(`SELECT 'ok' AS answer`)
        .then((rows: Array<{ answer: string }>) => answers.push(rows[0].answer))
        .catch(() => new Promise((r) => setTimeout(r, 50)));
    }
    expect(answers).toEqual(['ok']);
  });
});
