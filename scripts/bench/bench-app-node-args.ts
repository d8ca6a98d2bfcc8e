/**
 * Node flags for an app the bench starts, from the environment:
 * - BENCH_CPU_PROF_DIR=<dir>: every app writes a V8 CPU profile to `<dir>/<app>` when it exits, to find the largest cost;
 * - BENCH_APP_NODE_ARGS="--flag …": flags after the usual ones (the last of two settings wins), to
 *   measure a heap setting against the same run's floor.
 */
export function benchAppNodeArgs(app: string): string[] {
  const dir = process.env.BENCH_CPU_PROF_DIR;
  const extra = (process.env.BENCH_APP_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  return [...(dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}/${app}`] : []), ...extra];
}
