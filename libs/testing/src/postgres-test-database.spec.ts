import { Client } from 'pg';
import { createTestDatabase } from './postgres-test-database';

async function databaseExists(name: string): Promise<boolean> {
  const admin = new Client({
    host: process.env.PGHOST || '127.0.0.1',
    port: Number(process.env.PGPORT || 5432),
    user: process.env.PGUSER || 'postgres',
    password: process.env.PGPASSWORD || undefined,
    database: 'postgres',
  });
  await admin.connect();
  try {
    const res = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return res.rowCount === 1;
  } finally {
    await admin.end();
  }
}

describe('createTestDatabase', () => {
  it('creates a usable database and drops it even while a client is still connected', async () => {
    const db = await createTestDatabase('Testing-Lib spec');
    expect(db.name).toMatch(/^testing_lib_spec_[0-9a-f]{12}$/);
    expect(db.url).toMatch(new RegExp(`/${db.name}$`));

    const client = new Client({ connectionString: db.url });
    // The forced drop kills this session; swallow the resulting socket error.
    client.on('error', () => undefined);
    await client.connect();
    const res = await client.query<{ one: number }>('SELECT 1 AS one');
    expect(res.rows).toEqual([{ one: 1 }]);
    expect((await client.query('SELECT current_database() AS db')).rows[0].db).toBe(db.name);
    expect(await databaseExists(db.name)).toBe(true);

    await db.drop();
    expect(await databaseExists(db.name)).toBe(false);
    await client.end().catch(() => undefined);

    // Dropping twice is harmless, so afterAll hooks need no bookkeeping.
    await expect(db.drop()).resolves.toBeUndefined();
  });

  it('gives every call its own database', async () => {
    const [a, b] = await Promise.all([createTestDatabase('same'), createTestDatabase('same')]);
    try {
      expect(a.name).not.toBe(b.name);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });
});
