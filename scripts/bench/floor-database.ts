import { prepareRepeatedWrites, RepeatedWriteStatements } from '@syn/persistence';
import { Pool } from 'pg';

/**
 * A floor process's database pool, with what the apps' connections have (app-data-source.ts):
 * lz4 for compressed values and its repeated writes prepared, so that the floor stays the cheapest
 * way to do the same work and a saving of the apps' is not read as a gain over the floor.
 */
export function floorPool(url: string): Pool {
  const writes = new RepeatedWriteStatements();
  const pool = new Pool({ connectionString: url, max: 2, options: '-c default_toast_compression=lz4' });
  pool.on('connect', (client) => prepareRepeatedWrites(client, writes));
  return pool;
}
