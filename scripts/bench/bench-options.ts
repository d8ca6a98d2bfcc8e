/**
 * What one bench run does; `--quick` shrinks every phase to a smoke run of a minute or two. The
 * search phase (1,000,000 stories in a scratch database) is separate: only with `--search` or
 * `--search-stories N`.
 */
export interface BenchOptions {
  quick: boolean;
  counties: number;
  hubs: number;
  cityProcesses: number;
  countyProcesses: number;
  /** Stories pushed through the network for the throughput measure (and through the bare path). */
  stories: number;
  /** Closed-loop HTTP submitters during the throughput measure. */
  concurrency: number;
  /** Offered load of the latency measure, stories per second, and how long it is held. */
  rate: number;
  latencySeconds: number;
  /** Stories queued for a stopped hub before it is started again. */
  catchUp: number;
  write: boolean;
  docPath: string;
  /** Stories in the pool-search phase's scratch database (0: skip the phase). */
  searchStories: number;
  /** Only the floors (bare and same-work), not the network: to check the floor itself. */
  floorOnly: boolean;
  /** Only the media phase (media-phase.ts): a large video up to the county and on to its hub, against `cp`. */
  media: boolean;
  /** Size of the media phase's video in MB (1024 by default, 64 with --quick). */
  mediaMb: number;
  /** Photos rendered in the media phase's rendition measure. */
  mediaPhotos: number;
}

/** The size for the search phase's targets. */
export const SEARCH_PHASE_STORIES = 1_000_000;

const USAGE = `usage: npm run bench -- [--quick] [--counties N] [--stories N] [--catch-up N] [--rate N] [--latency-seconds N]
                        [--concurrency N] [--hubs N] [--city-processes N] [--county-processes N]
                        [--search | --search-stories N] [--floor-only] [--media [--media-mb N] [--media-photos N]]
                        [--write | --no-write]`;

export function parseBenchOptions(argv: string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const o: BenchOptions = {
    quick,
    counties: 120,
    hubs: 4,
    cityProcesses: 2,
    countyProcesses: 2,
    stories: quick ? 400 : 10_000,
    concurrency: 48,
    rate: 100,
    latencySeconds: quick ? 2 : 30,
    catchUp: quick ? 600 : 50_000,
    searchStories: argv.includes('--search') ? SEARCH_PHASE_STORIES : 0,
    floorOnly: argv.includes('--floor-only'),
    media: argv.includes('--media'),
    mediaMb: quick ? 64 : 1024,
    mediaPhotos: quick ? 3 : 10,
    write: !argv.includes('--no-write') && !quick,
    docPath: 'docs/benchmarks.md',
  };
  const numeric: Record<string, keyof BenchOptions> = {
    '--counties': 'counties',
    '--hubs': 'hubs',
    '--city-processes': 'cityProcesses',
    '--county-processes': 'countyProcesses',
    '--stories': 'stories',
    '--concurrency': 'concurrency',
    '--rate': 'rate',
    '--latency-seconds': 'latencySeconds',
    '--catch-up': 'catchUp',
    '--search-stories': 'searchStories',
    '--media-mb': 'mediaMb',
    '--media-photos': 'mediaPhotos',
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (['--quick', '--no-write', '--no-search', '--search', '--floor-only', '--media'].includes(a)) continue;
    if (a === '--write') {
      o.write = true;
      continue;
    }
    if (a === '--help' || a === '-h') throw new Error(USAGE);
    const key = numeric[a];
    const value = Number(argv[i + 1]);
    if (!key || !Number.isInteger(value) || value < 1) throw new Error(`bad argument ${a} ${argv[i + 1] ?? ''}\n${USAGE}`);
    (o as unknown as Record<string, number>)[key] = value;
    i++;
  }
  if (o.hubs > 9) throw new Error('at most 9 city hubs (codes 360100…360900)');
  if (o.counties > o.hubs * 99) throw new Error(`at most ${o.hubs * 99} counties under ${o.hubs} hubs`);
  o.cityProcesses = Math.min(o.cityProcesses, o.hubs);
  o.countyProcesses = Math.min(o.countyProcesses, o.counties);
  return o;
}
