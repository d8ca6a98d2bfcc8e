import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export interface TestDatabase {
  /** Connection URL for the new database. */
  url: string;
  name: string;
  /** Force-drops the database, cutting off any connections still open; safe to call twice. */
  drop(): Promise<void>;
}

// PostgreSQL truncates identifiers beyond this many bytes, which could make
// two distinct names collide.
const MAX_IDENTIFIER_LENGTH = 63;

interface ServerCoordinates {
  host: string;
  port: number;
  user: string;
  password: string | undefined;
}

function coordinates(): ServerCoordinates {
  return {
    host: process.env.PGHOST || '127.0.0.1',
    port: Number(process.env.PGPORT || 5432),
    user: process.env.PGUSER || 'postgres',
    password: process.env.PGPASSWORD || undefined,
  };
}

/** Lowercase [a-z0-9_] starting with a letter, so the name never needs quoting tricks. */
function databaseName(prefix: string): string {
  const suffix = randomBytes(6).toString('hex');
  let safe = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[^a-z]+/, '');
  if (!safe) safe = 'test';
  safe = safe.slice(0, MAX_IDENTIFIER_LENGTH - suffix.length - 1);
  return `${safe}_${suffix}`;
}

function databaseUrl(c: ServerCoordinates, name: string): string {
  const auth = encodeURIComponent(c.user) + (c.password ? `:${encodeURIComponent(c.password)}` : '');
  if (c.host.startsWith('/')) {
    // A socket directory cannot sit in the authority part of a URL.
    return `postgres://${auth}@/${name}?host=${encodeURIComponent(c.host)}&port=${c.port}`;
  }
  const host = c.host.includes(':') ? `[${c.host}]` : c.host;
  return `postgres://${auth}@${host}:${c.port}/${name}`;
}

async function withAdminClient<T>(c: ServerCoordinates, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({
    host: c.host,
    port: c.port,
    user: c.user,
    password: c.password,
    database: 'postgres',
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates an empty, uniquely named database so tests can run migrations and
 * write data in parallel without seeing each other's rows.
 */
export async function createTestDatabase(prefix: string): Promise<TestDatabase> {
  const c = coordinates();
  const name = databaseName(prefix);
  await withAdminClient(c, (client) => client.query(`CREATE DATABASE "${name}"`));

  return {
    name,
    url: databaseUrl(c, name),
    drop: () =>
      withAdminClient(c, async (client) => {
        // Sessions left open by a crashed test would block a plain DROP;
        // FORCE also covers any that connect between the two statements.
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      }),
  };
}
