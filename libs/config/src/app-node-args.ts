/**
 * Node flags every app process is started with: `npm run start:*` (package.json), the demo
 * network and the test and bench networks. Measured in `npm run bench` (docs/benchmarks.md):
 * without a cap V8 grows the old generation lazily under a burst of 10 KB events and never gives
 * it back, so a hub that drained a backlog peaked at 330–350 MB of RSS; with these flags the
 * largest app peaked at ~210 MB, at the same throughput. `/metrics` reports heap used against the
 * limit (syn_process_heap_*), so the headroom is visible where the apps run.
 */
export const APP_NODE_ARGS: readonly string[] = ['--max-old-space-size=160', '--max-semi-space-size=4'];

/**
 * Environment every app process starts with, beside APP_NODE_ARGS (the Dockerfile sets the same).
 *
 * MALLOC_ARENA_MAX: glibc gives threads that allocate their own malloc arenas, up to eight per
 * core, each keeping freed pages of its own. With two, the largest app of `npm run bench`'s network
 * peaked 10 MB lower (234 → 224 MB, a 6,000-story drain) at the same CPU per story, and every
 * other app 5–9 MB lower.
 *
 * MALLOC_MMAP_THRESHOLD_: glibc raises its mmap threshold each time a large block is freed, up to
 * 32 MB, after which large buffers are carved out of the arenas and their pages stay with the
 * process. A fixed 128 KiB (its starting value) keeps every large buffer mapped on its own and
 * returned when freed. Draining 20,000 stories, the draining hub peaked at 218–219 MB with it and
 * 223–228 MB without (two and three runs).
 */
export const APP_PROCESS_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' };
