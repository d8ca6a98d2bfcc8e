import type { DataSource } from 'typeorm';

/**
 * Runs a scheduled job in at most one replica at a time. Replicas of an app share its database,
 * so an advisory lock named after the job (and the center it is for) decides: the replica that
 * gets it runs, the others skip this round. Returns null when skipped.
 *
 * The lock is held by a transaction on a connection of its own, open only while the job runs
 * (the job uses the pool as usual): it ends with the transaction whatever happens, and with the
 * session if the replica dies, so a lock can never be left behind on a pooled connection.
 */
export async function runAsSingleLeader<T>(dataSource: DataSource, job: string, fn: () => Promise<T>): Promise<T | null> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const [{ locked }] = (await runner.query(`SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked`, [`syn-job:${job}`])) as Array<{
      locked: boolean;
    }>;
    try {
      return locked ? await fn() : null;
    } finally {
      await runner.rollbackTransaction().catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
