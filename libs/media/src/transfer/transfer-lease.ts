import type { DataSource } from 'typeorm';

/**
 * How long a claimed transfer row is left alone before another worker (or this app after a restart)
 * takes it again. Short, because a process killed mid-transfer must not hold its media back for
 * long; kept alive by `keepLease` while the transfer really runs.
 */
export const TRANSFER_LEASE_SECONDS = 15;
const RENEW_EVERY_MS = 5_000;

/**
 * Renews a claimed row's lease every 5 s until the returned stop is awaited, so a transfer that
 * takes an hour keeps its row, and one whose process died frees it within TRANSFER_LEASE_SECONDS.
 */
export function keepLease(dataSource: DataSource, id: string): () => Promise<void> {
  let renewing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    renewing = dataSource
      .query(`UPDATE media_transfers SET next_attempt_at = now() + make_interval(secs => ${TRANSFER_LEASE_SECONDS}) WHERE id = $1 AND state = 'queued'`, [id])
      .catch(() => undefined);
  }, RENEW_EVERY_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    // A renewal still on its way must not land after the caller's own update (a backoff, or done).
    await renewing;
  };
}
