import { appendFileSync } from 'node:fs';
import { Client } from 'pg';
import { BusInjector, CheckResult, CuratorDriver, DeliveryChecker, NatsServerProcess, StoryLoad, TestNetwork } from '@syn/testing';

/** Load per scenario; CI keeps it short, the full run (docs/reliability.md) raises it. */
export const LOAD_MS = Number(process.env.FAULT_LOAD_MS ?? 6000);
const CONVERGE_MS = Number(process.env.FAULT_CONVERGE_MS ?? 120_000);

export const HUB = '360700';
export const PROVINCE = '360000';
/** county-a hosts 360702 and 360703, county-b hosts 360704 and 360781: all under the 赣州 hub. */
export const COUNTIES = ['360702', '360703', '360704', '360781'];

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A scenario passes when stories were acknowledged and none was lost, duplicated or changed. */
export function expectClean(r: { lost: number; duplicated: number; mismatched: number; acknowledged: number; problems: string[] }): void {
  expect(r.acknowledged).toBeGreaterThan(0);
  expect({ lost: r.lost, duplicated: r.duplicated, mismatched: r.mismatched, problems: r.problems }).toEqual({
    lost: 0,
    duplicated: 0,
    mismatched: 0,
    problems: [],
  });
}

/**
 * One network for a fault file: its own nats-server and app processes (so they can be killed),
 * counties under load, a curator accepting everything, and the checker.
 */
export class FaultHarness {
  readonly curator: CuratorDriver;
  readonly checker: DeliveryChecker;
  readonly results: CheckResult[] = [];
  load?: StoryLoad;
  private repairsSeen = 0;

  private constructor(
    readonly nats: NatsServerProcess,
    readonly net: TestNetwork,
    readonly bus: BusInjector,
  ) {
    this.curator = new CuratorDriver(HUB, () => net.app(HUB).http, net.token(HUB, 'curator', 'c-fault', '压测审核'));
    this.checker = new DeliveryChecker({
      countyDatabases: [net.app('county-a').database.url, net.app('county-b').database.url],
      counties: COUNTIES,
      hub: HUB,
      hubDatabase: net.app(HUB).database.url,
      province: PROVINCE,
      provinceDatabase: net.app(PROVINCE).database.url,
    });
  }

  static async start(): Promise<FaultHarness> {
    const nats = await NatsServerProcess.start();
    const net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: [PROVINCE] },
        { kind: 'city', centers: [HUB] },
        { kind: 'county', centers: ['360702', '360703'], name: 'county-a' },
        { kind: 'county', centers: ['360704', '360781'], name: 'county-b' },
      ],
      // Reconciliation runs as in production (shortened): it must find nothing to repair unless events are really lost.
      env: { RECONCILE_INTERVAL_MS: '10000', RECONCILE_GRACE_MS: '20000', OUTBOX_POLL_MS: '200' },
    });
    const bus = await BusInjector.connect(nats.url);
    const h = new FaultHarness(nats, net, bus);
    h.curator.start();
    return h;
  }

  async stop(): Promise<void> {
    await this.load?.stop();
    await this.curator.stop();
    await this.bus.close();
    await this.net.stop();
    await this.nats.stop();
  }

  /** Starts counties submitting; `only` limits which counties take part. */
  startLoad(label: string, only: string[] = COUNTIES): StoryLoad {
    const load = new StoryLoad(
      new Map(
        only.map((c) => [
          c,
          {
            base: () => this.net.app(c).http,
            token: this.net.token(c, 'editor', `e-${c}`, '压测编辑'),
            reviewerToken: this.net.token(c, 'editor', `r-${c}`, '压测复审'),
            chiefToken: this.net.token(c, 'chief-editor', `z-${c}`, '压测主编'),
          },
        ]),
      ),
      { correctEvery: 6, withdrawEvery: 15 },
    );
    load.start(label);
    this.load = load;
    return load;
  }

  /** Waits until the checker finds nothing wrong (or time runs out), prints the scenario line and returns the result. */
  async converge(scenario: string, load: StoryLoad): Promise<CheckResult> {
    const deadline = Date.now() + CONVERGE_MS;
    const started = Date.now();
    let r: CheckResult;
    for (;;) {
      r = await this.checker.check(scenario, load.acks);
      if (DeliveryChecker.clean(r) || Date.now() > deadline) break;
      await sleep(1000);
    }
    const line = DeliveryChecker.line(r, {
      submitted: load.stats.submitted,
      corrected: load.stats.corrected,
      withdrawn: load.stats.withdrawn,
      client_errors: load.stats.errors,
      repairs: await this.repairsSinceLastScenario(),
      converged_ms: Date.now() - started,
    });
    process.stdout.write(`${line}\n`);
    if (process.env.FAULT_REPORT_FILE) appendFileSync(process.env.FAULT_REPORT_FILE, `${line}\n`);
    if (!DeliveryChecker.clean(r)) process.stdout.write(`${r.problems.join('\n')}\n`);
    this.results.push(r);
    return r;
  }

  /**
   * Repairs reconciliation made during this scenario: the growth of the counters since the last
   * line (counters live in memory, so repairs by a process that was restarted meanwhile are missed).
   */
  private async repairsSinceLastScenario(): Promise<number> {
    const now = await this.repairs();
    const delta = Math.max(0, now - this.repairsSeen);
    this.repairsSeen = now;
    return delta;
  }

  /** Sum of syn_reconciliation_repairs_total over the apps that are up. */
  async repairs(): Promise<number> {
    let total = 0;
    for (const a of this.net.apps) {
      const text = await fetch(`${a.http}/metrics`, { signal: AbortSignal.timeout(3000) })
        .then((r) => r.text())
        .catch(() => '');
      for (const m of text.matchAll(/^syn_reconciliation_repairs_total\{[^}]*\} (\d+)/gm)) total += Number(m[1]);
    }
    return total;
  }

  /** Runs SQL against an app's database (as the test, not as the app). */
  async sql<T>(app: string, text: string, params: unknown[] = []): Promise<T[]> {
    const c = new Client({ connectionString: this.net.app(app).database.url });
    c.on('error', () => undefined);
    await c.connect();
    try {
      return (await c.query(text, params)).rows as T[];
    } finally {
      await c.end().catch(() => undefined);
    }
  }
}
