import { NatsServerProcess } from '@syn/testing';
import { bareMessage } from './bare-payloads';
import { runBareBaseline } from './bare-baseline';
import { parseBenchOptions } from './bench-options';
import { summarise } from './bench-summary';
import { buildTopology } from './bench-topology';
import { measureCatchUp } from './catch-up-phase';
import { CpuMeter } from './cpu-meter';
import { measureIndexingFloor } from './indexing-floor';
import { measureLatency } from './latency-phase';
import { saveAppMetrics } from './metrics-snapshot';
import { measureMedia } from './media-phase';
import { writeMediaSection } from './media-report';
import { LoadDriver } from './load-driver';
import { machineInfo } from './machine-info';
import { NetworkUnderTest } from './network-under-test';
import { ProgressBar } from './progress-bar';
import { writeReport } from './report-writer';
import { RssSampler } from './rss-sampler';
import { runSameWorkFloor } from './same-work-floor';
import { loadParagraphs } from './story-payloads';
import { measureSearch, searchSummary } from './search-phase';
import { writeSearchSection } from './search-report';
import { measureThroughput } from './throughput-phase';

/**
 * npm run bench [-- --quick | --counties N | --stories N | --no-write | --search … | --media]
 * Measures the same-work floor (same-work-floor.ts) and the bare path, then brings up its own
 * network and measures it the same way in the same run; prints a JSON summary as its last stdout
 * line and (unless --no-write / --quick) rewrites docs/benchmarks.md.
 */
async function main() {
  const o = parseBenchOptions(process.argv.slice(2));
  const progress = new ProgressBar();
  if (o.media) {
    // Opt-in and on its own: moving a gigabyte would disturb every other phase's numbers.
    const media = await measureMedia(o, progress);
    if (o.write) {
      writeMediaSection(o.docPath, media, new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC');
      progress.note(`media section written to ${o.docPath}`);
    }
    process.stdout.write(JSON.stringify({ media }) + '\n');
    return;
  }
  const started = performance.now();
  const machine = await machineInfo();
  const { paragraphs, source } = loadParagraphs();
  const topology = buildTopology(o);
  progress.note(
    `bench: ${o.quick ? 'quick smoke run' : 'full run'}; ${topology.hubs.length} city hubs, ${topology.counties.length} counties in ${topology.apps.length} app processes; bodies from ${source}`,
  );

  // First, while nothing else of the bench runs: a busy neighbour slows this thread too.
  const indexing = measureIndexingFloor(paragraphs);
  progress.note(
    `indexing floor: ${indexing.cpuMsPerStoryPerLevel.toFixed(2)} ms of CPU per story per level, ceiling ${Math.round(indexing.ceilingStoriesPerSecond)} stories/s on ${indexing.cores} cores`,
  );

  const nats = await NatsServerProcess.start();
  let nut: NetworkUnderTest | undefined;
  let rss: RssSampler | undefined;
  // Ctrl-C must not leave apps, a broker or a dozen databases behind.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      progress.note(`\nbench: ${signal}, stopping the network…`);
      void Promise.allSettled([nut?.stop(), nats.stop()]).then(() => process.exit(130));
    });
  }
  try {
    const hub0 = topology.hubs[0];
    const counties0 = topology.countiesOf.get(hub0)!;
    const bare = await runBareBaseline({
      natsUrl: nats.url,
      stories: o.stories,
      catchUp: o.catchUp,
      message: (i) => bareMessage(paragraphs, i, counties0[i % counties0.length], hub0),
      progress,
    });
    const floor = await runSameWorkFloor(nats, topology, o, progress);
    progress.note(
      `floor: ${floor.provinceThroughput.toFixed(0)} stories/s to the province; p50/p99 → province ${floor.submitToProvinceMs.p50.toFixed(0)}/${floor.submitToProvinceMs.p99.toFixed(0)} ms at ${o.rate}/s; drain ${floor.drainRate.toFixed(0)} stories/s`,
    );
    if (o.floorOnly) {
      process.stdout.write(JSON.stringify({ bare, floor }) + '\n');
      return;
    }

    progress.note('network: starting apps…');
    const t0 = performance.now();
    nut = await NetworkUnderTest.start(topology, nats);
    progress.note(`network: ${nut.apps.length} apps ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    rss = new RssSampler(() => nut!.processes());
    rss.start();
    const cpu = new CpuMeter(
      () => nut!.processes(),
      () => nut!.apps.map((a) => a.database.name),
    );
    const driver = new LoadDriver(nut.net, paragraphs);

    // Warm-up: JIT, connection pools and every consumer's first pull, through the whole path; its
    // drafts go over HTTP, and theirs is the draft rate reported.
    const warm = await measureThroughput(nut, driver, { ...o, stories: Math.min(o.quick ? 200 : 500, o.stories) }, progress, cpu, 'http');

    const throughput = { ...(await measureThroughput(nut, driver, o, progress, cpu, 'seeded')), draftWriteRate: warm.draftWriteRate };
    await saveAppMetrics(nut, '1-throughput');
    const latency = await measureLatency(nut, driver, o, progress);
    await saveAppMetrics(nut, '2-latency');
    const catchUp = await measureCatchUp(nut, paragraphs, o, progress);
    await saveAppMetrics(nut, '3-catch-up');
    rss.stop();
    const peaks = rss.peaksMb();
    rss = undefined;
    // The network is done: stop it before the search phase so the two do not share the cores.
    await nut.stop();
    nut = undefined;
    const search = o.searchStories > 0 ? await measureSearch(o.searchStories, progress) : null;

    const summary = summarise(o, { bare, floor, indexing, throughput, latency, catchUp, rss: peaks, seconds: (performance.now() - started) / 1000 });
    if (o.write) {
      const path = writeReport(o, { machine, summary, bare, floor, throughput, latency, catchUp, samples: source });
      if (search) writeSearchSection(path, search, new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC');
      progress.note(`report written to ${path}`);
    }
    process.stdout.write(JSON.stringify({ ...summary, ...(search ? searchSummary(search) : {}) }) + '\n');
  } catch (e) {
    if (nut) process.stderr.write(`\n--- app logs ---\n${nut.net.logs().split('\n').slice(-80).join('\n')}\n`);
    throw e;
  } finally {
    rss?.stop();
    await nut?.stop().catch(() => undefined);
    await nats.stop().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    process.stderr.write(`\nbench failed: ${(e as Error).stack ?? e}\n`);
    process.exit(1);
  },
);
