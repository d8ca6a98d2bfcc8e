import type { BareResult } from './bare-baseline';
import type { BenchOptions } from './bench-options';
import type { CatchUpResult } from './catch-up-phase';
import type { FloorResult } from './same-work-floor';
import type { IndexingFloorResult } from './indexing-floor';
import type { LatencyResult } from './latency-phase';
import { round } from './percentiles';
import type { ThroughputResult } from './throughput-phase';

/** Issue 13's targets, against the same-work floor of the same run. */
export const TARGETS = {
  province_throughput_ratio_to_floor: 0.5,
  /** p99 submit → province at the offered rate: at most this multiple of the floor's, and at most this many ms. */
  p99_submit_to_province_times_floor: 2,
  p99_submit_to_province_ms: 250,
  max_peak_rss_mb: 250,
  catch_up_ratio_to_floor: 0.5,
} as const;

/** CPU ms per story for every process of a phase's CpuMeter record. */
const perStory = (cpuSeconds: Record<string, number>, stories: number) =>
  Object.fromEntries(Object.entries(cpuSeconds).map(([name, s]) => [name, round((s * 1000) / stories, 2)]));

export type BenchSummary = ReturnType<typeof summarise>;

/** The flat JSON the bench prints last: every key names what it measures and its unit. */
export function summarise(
  o: BenchOptions,
  r: {
    bare: BareResult;
    floor: FloorResult;
    indexing: IndexingFloorResult;
    throughput: ThroughputResult;
    latency: LatencyResult;
    catchUp: CatchUpResult;
    rss: Record<string, number>;
    seconds: number;
  },
) {
  // The target is the largest of our apps: nats-server holds a catch-up's backlog (600 MB for 50,000 stories) and is not one.
  const maxRss = Math.max(...Object.entries(r.rss).flatMap(([name, mb]) => (name === 'nats-server' ? [] : [mb])));
  const s = {
    quick: o.quick,
    counties: o.counties,
    city_hubs: o.hubs,
    app_processes: 1 + o.cityProcesses + o.countyProcesses,
    stories: r.throughput.stories,
    body_bytes: 4096,
    bare_throughput_stories_per_s: round(r.bare.throughput),
    pool_throughput_stories_per_s: round(r.throughput.poolThroughput),
    province_throughput_stories_per_s: round(r.throughput.provinceThroughput),
    submit_ack_throughput_stories_per_s: round(r.throughput.submitAckRate),
    draft_write_throughput_stories_per_s: round(r.throughput.draftWriteRate),
    floor_pool_throughput_stories_per_s: round(r.floor.poolThroughput),
    floor_province_throughput_stories_per_s: round(r.floor.provinceThroughput),
    province_throughput_ratio_to_floor: round(r.throughput.provinceThroughput / r.floor.provinceThroughput, 3),
    pool_throughput_ratio_to_floor: round(r.throughput.poolThroughput / r.floor.poolThroughput, 3),
    province_throughput_ratio_to_bare: round(r.throughput.provinceThroughput / r.bare.throughput, 3),
    latency_offered_stories_per_s: r.latency.offeredRate,
    latency_stories: r.latency.stories,
    latency_submits_not_acknowledged: r.latency.rejected,
    latency_acknowledged_not_visible_in_2_min: r.latency.invisible,
    latency_achieved_submit_stories_per_s: round(r.latency.achievedSubmitRate),
    p50_submit_ack_ms: round(r.latency.submitAckMs.p50),
    p99_submit_ack_ms: round(r.latency.submitAckMs.p99),
    p50_submit_to_pool_ms: round(r.latency.submitToPoolMs.p50),
    p95_submit_to_pool_ms: round(r.latency.submitToPoolMs.p95),
    p99_submit_to_pool_ms: round(r.latency.submitToPoolMs.p99),
    max_submit_to_pool_ms: round(r.latency.submitToPoolMs.max),
    p50_submit_to_province_ms: round(r.latency.submitToProvinceMs.p50),
    p95_submit_to_province_ms: round(r.latency.submitToProvinceMs.p95),
    p99_submit_to_province_ms: round(r.latency.submitToProvinceMs.p99),
    max_submit_to_province_ms: round(r.latency.submitToProvinceMs.max),
    floor_p50_submit_to_pool_ms: round(r.floor.submitToPoolMs.p50),
    floor_p99_submit_to_pool_ms: round(r.floor.submitToPoolMs.p99),
    floor_p50_submit_to_province_ms: round(r.floor.submitToProvinceMs.p50),
    floor_p95_submit_to_province_ms: round(r.floor.submitToProvinceMs.p95),
    floor_p99_submit_to_province_ms: round(r.floor.submitToProvinceMs.p99),
    floor_max_submit_to_province_ms: round(r.floor.submitToProvinceMs.max),
    floor_latency_not_visible_in_2_min: r.floor.invisible,
    p99_submit_to_province_ratio_to_floor: round(r.latency.submitToProvinceMs.p99 / r.floor.submitToProvinceMs.p99, 2),
    peak_rss_mb: r.rss,
    max_peak_rss_mb: maxRss,
    bare_consumer_peak_rss_mb: r.bare.rssMb,
    floor_peak_rss_mb: r.floor.rssMb,
    catch_up_stories: r.catchUp.stories,
    catch_up_drain_stories_per_s: round(r.catchUp.drainRate),
    catch_up_drain_from_start_stories_per_s: round(r.catchUp.drainRateFromStart),
    catch_up_to_province_stories_per_s: round(r.catchUp.provinceRate),
    bare_catch_up_drain_stories_per_s: round(r.bare.catchUpRate),
    floor_catch_up_stories: r.floor.catchUp,
    floor_catch_up_drain_stories_per_s: round(r.floor.drainRate),
    floor_catch_up_drain_from_start_stories_per_s: round(r.floor.drainRateFromStart),
    floor_catch_up_to_province_stories_per_s: round(r.floor.drainToProvinceRate),
    catch_up_ratio_to_floor: round(r.catchUp.drainRate / r.floor.drainRate, 3),
    catch_up_ratio_to_bare: round(r.catchUp.drainRate / r.bare.catchUpRate, 3),
    indexing_cpu_ms_per_story_per_level: round(r.indexing.cpuMsPerStoryPerLevel, 3),
    indexing_ceiling_stories_per_s: round(r.indexing.ceilingStoriesPerSecond),
    indexing_ceiling_ratio_to_bare: round(r.indexing.ceilingStoriesPerSecond / r.bare.throughput, 3),
    indexing_ceiling_ratio_to_bare_catch_up: round(r.indexing.ceilingStoriesPerSecond / r.bare.catchUpRate, 3),
    jieba_cpu_ms_per_story_per_level: round(r.indexing.jiebaMsPerStoryPerLevel, 3),
    jieba_ceiling_stories_per_s: round(r.indexing.jiebaCeilingStoriesPerSecond),
    jieba_ceiling_ratio_to_bare: round(r.indexing.jiebaCeilingStoriesPerSecond / r.bare.throughput, 3),
    cpu_seconds_throughput_phase: r.throughput.cpuSeconds,
    cpu_ms_per_story_network: perStory(r.throughput.cpuSeconds, r.throughput.stories),
    cpu_seconds_floor_throughput: r.floor.cpuSeconds,
    cpu_ms_per_story_floor: perStory(r.floor.cpuSeconds, r.floor.stories),
    cpu_seconds_bare_throughput: r.bare.cpuSeconds,
    duration_s: round(r.seconds, 0),
  };
  return {
    ...s,
    targets_met: {
      province_throughput_ratio_to_floor: (s.province_throughput_ratio_to_floor ?? 0) >= TARGETS.province_throughput_ratio_to_floor,
      p99_submit_to_province:
        (s.p99_submit_to_province_ms ?? Infinity) <= TARGETS.p99_submit_to_province_ms &&
        (s.p99_submit_to_province_ms ?? Infinity) <= TARGETS.p99_submit_to_province_times_floor * (s.floor_p99_submit_to_province_ms ?? 0),
      max_peak_rss_mb: maxRss <= TARGETS.max_peak_rss_mb,
      catch_up_ratio_to_floor: (s.catch_up_ratio_to_floor ?? 0) >= TARGETS.catch_up_ratio_to_floor,
    },
  };
}
