/**
 * TEST-ONLY fault injection, read from the environment so that the fault suite can crash a real,
 * built app at an exact point. Never set these in a deployment.
 *
 *   FAULT_CRASH_BEFORE_PUBLISH=<n>  the outbox relay SIGKILLs its own process when it is about to
 *                                   publish a batch that reaches the n-th row since boot: the rows
 *                                   are committed in PostgreSQL but not yet on the bus.
 */
let rowsSeen = 0;

export function crashBeforePublishIfAsked(batchRows: number, env: NodeJS.ProcessEnv = process.env): void {
  const n = Number(env.FAULT_CRASH_BEFORE_PUBLISH ?? 0);
  if (!n || batchRows === 0) return;
  rowsSeen += batchRows;
  if (rowsSeen >= n) {
    process.stderr.write(`FAULT_CRASH_BEFORE_PUBLISH: killing process ${process.pid} with ${batchRows} committed rows unpublished\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}
