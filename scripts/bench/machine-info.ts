import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { Client } from 'pg';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  postgres: string;
  natsServer: string;
  loadAverageAtStart: number[];
  postgresSettings: Record<string, string>;
}

/** What the numbers were measured on; a reader compares runs only on like machines. */
export async function machineInfo(): Promise<MachineInfo> {
  const pg = new Client({
    host: process.env.PGHOST || '127.0.0.1',
    port: Number(process.env.PGPORT || 5432),
    user: process.env.PGUSER || 'postgres',
    database: 'postgres',
  });
  await pg.connect();
  try {
    const version = (await pg.query(`SHOW server_version`)).rows[0].server_version as string;
    const settings: Record<string, string> = {};
    for (const s of ['fsync', 'synchronous_commit', 'shared_buffers', 'max_connections', 'wal_level']) {
      settings[s] = (await pg.query(`SHOW ${s}`)).rows[0][s];
    }
    let nats = 'unknown';
    try {
      nats = execFileSync(process.env.NATS_SERVER_BIN ?? 'nats-server', ['--version'], { encoding: 'utf8' }).trim();
    } catch {
      // Reported as unknown; the run itself fails later if the binary is really missing.
    }
    return {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      postgres: version,
      natsServer: nats,
      loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
      postgresSettings: settings,
    };
  } finally {
    await pg.end();
  }
}
