import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { STREAM_NAME } from '@syn/contracts';
import { CuratorDriver, NatsServerProcess, StoryLoad, TestNetwork, type TestAppSpec } from '@syn/testing';
import { Client } from 'pg';
import { procStatusKb } from '../bench/rss-sampler';
import { nationalTree } from './national-tree';

/**
 * Drives one province of the national tree on this machine at a multiple of the real daily load
 * and reports consumer lag, memory and throughput (docs/scale.md). A script, not a test:
 *
 *   npm run build
 *   node dist/scripts/scale/national-simulation.js --province 360000 --factor 100 --seconds 120
 *
 * --stories-per-day is a county's real rate (20–100; default 100, the upper end); --factor
 * multiplies it; --county-processes splits the counties over that many county apps.
 */
interface Options {
  province: string;
  factor: number;
  storiesPerDay: number;
  seconds: number;
  countyProcesses: number;
}

function options(argv: string[]): Options {
  const get = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  return {
    province: get('province', '360000'),
    factor: Number(get('factor', '100')),
    storiesPerDay: Number(get('stories-per-day', '100')),
    seconds: Number(get('seconds', '120')),
    countyProcesses: Number(get('county-processes', '2')),
  };
}

async function main() {
  const o = options(process.argv.slice(2));
  const tree = nationalTree();
  const slice = tree.filter((c) => c.code === o.province || c.parent === o.province || tree.find((p) => p.code === c.parent)?.parent === o.province);
  const cities = slice.filter((c) => c.level === 'city').map((c) => c.code);
  const counties = slice.filter((c) => c.level === 'county').map((c) => c.code);
  const everyMs = 86_400_000 / (o.storiesPerDay * o.factor);
  const perSecond = (counties.length * 1000) / everyMs;
  log(
    `province ${o.province}: ${cities.length} cities, ${counties.length} counties; ${o.storiesPerDay}/day × ${o.factor} = one story per county every ${(everyMs / 1000).toFixed(1)} s, ${perSecond.toFixed(1)} stories/s in all`,
  );

  const nats = await NatsServerProcess.start();
  const apps: TestAppSpec[] = [
    { kind: 'province', centers: [o.province] },
    { kind: 'city', centers: cities, name: 'cities' },
    ...Array.from({ length: o.countyProcesses }, (_, i) => ({
      kind: 'county' as const,
      name: `counties-${i + 1}`,
      centers: counties.filter((_, k) => k % o.countyProcesses === i),
    })),
  ];
  const started = Date.now();
  const net = await TestNetwork.start({ natsUrl: nats.url, apps, centers: slice, env: { LOG_LEVEL: 'warn', RECONCILE_INTERVAL_MS: '0' } });
  log(`network up in ${((Date.now() - started) / 1000).toFixed(0)} s: ${net.apps.map((a) => `${a.name} (${a.spec.centers.length} centers)`).join(', ')}`);
  const nc = await connect({ servers: nats.url });
  const jsm = await jetstreamManager(nc);
  const curators = cities.map((c) => new CuratorDriver(c, () => net.app('cities').http, net.token(c, 'curator', `c-${c}`, '模拟审核')));
  curators.forEach((c) => c.start());
  const load = new StoryLoad(
    new Map(
      counties.map((c) => [
        c,
        {
          base: () => net.app(c).http,
          token: net.token(c, 'editor', `e-${c}`, '模拟编辑'),
          reviewerToken: net.token(c, 'editor', `r-${c}`, '模拟复审'),
          chiefToken: net.token(c, 'chief-editor', `z-${c}`, '模拟主编'),
        },
      ]),
    ),
    { everyMs },
  );

  const indexed = async () => {
    const db = new Client({ connectionString: net.app(o.province).database.url });
    await db.connect();
    try {
      return Number((await db.query(`SELECT count(*) AS n FROM story_index`)).rows[0].n);
    } finally {
      await db.end();
    }
  };
  const lag = async () => {
    let pending = 0;
    let unacked = 0;
    for await (const ci of jsm.consumers.list(STREAM_NAME)) {
      pending += ci.num_pending;
      unacked += ci.num_ack_pending;
    }
    return { pending, unacked };
  };
  const rss = () => net.apps.map((a) => `${a.name}=${Math.round((procStatusKb(a.process.pid ?? 0, 'VmRSS') ?? 0) / 1024)}MB`).join(' ');
  const peak = new Map<string, number>();

  log('t_s submitted indexed stream_lag(pending+unacked) rss');
  load.start('national');
  const t0 = Date.now();
  let worstLag = 0;
  for (let t = 10; t <= o.seconds; t += 10) {
    await new Promise((r) => setTimeout(r, t0 + t * 1000 - Date.now()));
    const l = await lag();
    worstLag = Math.max(worstLag, l.pending + l.unacked);
    for (const a of net.apps) peak.set(a.name, Math.max(peak.get(a.name) ?? 0, procStatusKb(a.process.pid ?? 0, 'VmHWM') ?? 0));
    log(
      `${t} ${load.stats.submitted} ${await indexed()} ${l.pending}+${l.unacked} ${rss()}${load.stats.errors ? ` errors=${load.stats.errors} (${load.lastError})` : ''}`,
    );
  }
  await load.stop();
  const stoppedAt = Date.now();
  const submitted = load.stats.submitted;
  // Drain: how long until the province has indexed everything accepted (the curators accept all).
  let drained = -1;
  while (Date.now() - stoppedAt < 300_000) {
    const n = await indexed();
    const l = await lag();
    if (n >= submitted - load.stats.withdrawn && l.pending + l.unacked === 0) {
      drained = Date.now() - stoppedAt;
      break;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
  const achieved = submitted / o.seconds;
  log(
    `RESULT province=${o.province} counties=${counties.length} factor=${o.factor} offered=${perSecond.toFixed(2)}/s achieved=${achieved.toFixed(2)}/s ` +
      `submitted=${submitted} errors=${load.stats.errors} worst_lag=${worstLag} drain_ms=${drained} ` +
      `peak_rss_mb=${[...peak].map(([n, kb]) => `${n}:${Math.round(kb / 1024)}`).join(',')}`,
  );
  curators.forEach((c) => void c.stop());
  await nc.close();
  await net.stop();
  await nats.stop();
}

function log(line: string) {
  process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
}

main().catch((e) => {
  process.stderr.write(`simulation failed: ${(e as Error).stack}\n`);
  process.exit(1);
});
