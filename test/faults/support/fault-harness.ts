import { appendFileSync } from 'node:fs';
import { Client } from 'pg';
import { BusInjector, CheckResult, CuratorDriver, DeliveryChecker, NatsServerProcess, StoryLoad, TestNetwork, type TestAppSpec } from '@syn/testing';

/** Load per scenario; CI keeps it short, the full run (docs/reliability.md) raises it. */
export const LOAD_MS = Number(process.env.FAULT_LOAD_MS ?? 4000);
/**
 * Each county files one story per this many ms (0: as fast as answers come). Paced, every scenario
 * has a known number of stories in flight when its fault hits, however busy the machine; unpaced,
 * the load took whatever CPU was free and starved the tests running beside it.
 */
const LOAD_EVERY_MS = Number(process.env.FAULT_LOAD_EVERY_MS ?? 150);
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
 * The lifecycle every fault file gives its harness, registered in the describe block that calls
 * it: `start` (which also hands the harness to the file) before the scenarios, `recover` after each
 * so one failed scenario is reported once, `stop` after all.
 */
export function useFaultHarness<B extends FaultBroker>(start: () => Promise<FaultHarness<B>>, startTimeoutMs = 120_000): void {
  let h: FaultHarness<B> | undefined;
  beforeAll(async () => {
    h = await start();
  }, startTimeoutMs);
  afterEach(async () => {
    await h?.recover();
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  }, 60_000);
}

/** The four apps most fault files run: province, city hub and two county apps with two counties each. */
export const DEFAULT_APPS: TestAppSpec[] = [
  { kind: 'province', centers: [PROVINCE] },
  { kind: 'city', centers: [HUB] },
  { kind: 'county', centers: ['360702', '360703'], name: 'county-a' },
  { kind: 'county', centers: ['360704', '360781'], name: 'county-b' },
];

/** Whatever the apps' NATS is: one server, or a cluster with leaf nodes. */
export interface FaultBroker {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * One network for a fault file: its own NATS and app processes (so they can be killed),
 * counties under load, a curator accepting everything, and the checker.
 */
export class FaultHarness<B extends FaultBroker = NatsServerProcess> {
  readonly curator: CuratorDriver;
  readonly checker: DeliveryChecker;
  readonly results: CheckResult[] = [];
  load?: StoryLoad;
  private repairsSeen = 0;

  private constructor(
    readonly nats: B,
    readonly net: TestNetwork,
    readonly bus: BusInjector,
  ) {
    this.curator = new CuratorDriver(HUB, () => net.app(HUB).http, net.token(HUB, 'curator', 'c-fault', '压测审核'));
    const counties = net.apps.filter((a) => a.spec.kind === 'county' && !a.spec.replicaOf);
    this.checker = new DeliveryChecker({
      countyDatabases: counties.map((a) => a.database.url),
      counties: counties.flatMap((a) => a.spec.centers),
      hub: HUB,
      hubDatabase: net.app(HUB).database.url,
      province: PROVINCE,
      provinceDatabase: net.app(PROVINCE).database.url,
    });
  }

  static async start(): Promise<FaultHarness> {
    return FaultHarness.on(await NatsServerProcess.start(), DEFAULT_APPS);
  }

  /** The apps given, against a broker already running (stopped with the harness). */
  static async on<B extends FaultBroker>(nats: B, apps: TestAppSpec[], env: Record<string, string> = {}): Promise<FaultHarness<B>> {
    let net: TestNetwork;
    try {
      net = await TestNetwork.start({
        natsUrl: nats.url,
        apps,
        // Reconciliation runs as in production (shortened): it must find nothing to repair unless events are really lost.
        env: { RECONCILE_INTERVAL_MS: '10000', RECONCILE_GRACE_MS: '20000', ...env },
      });
    } catch (e) {
      await nats.stop();
      throw e;
    }
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

  /**
   * Puts back what a scenario may have left behind when it failed half way (its load still
   * submitting, the curator paused, an app stopped), so one failure is reported once instead of
   * failing every scenario after it. A scenario that passes leaves nothing to put back.
   */
  async recover(): Promise<void> {
    await this.load?.stop();
    this.curator.resume();
    for (const a of this.net.apps.filter((x) => !x.process.running)) await this.net.restart(a.name);
  }

  /** Starts counties submitting; `only` limits which counties take part. */
  startLoad(label: string, only: string[] = COUNTIES): StoryLoad {
    // A scenario that failed half way left its load running; it must not keep submitting into the next.
    void this.load?.stop();
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
      { correctEvery: 6, withdrawEvery: 15, everyMs: LOAD_EVERY_MS || undefined },
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
    if (!DeliveryChecker.clean(r)) process.stdout.write(`${r.problems.join('\n')}\n${await this.diagnose(r.problems)}\n`);
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

  /** Sum of syn_reconciliation_repairs_total over the apps that are up (of one kind, if given). */
  async repairs(kind?: TestAppSpec['kind']): Promise<number> {
    let total = 0;
    for (const a of this.net.apps.filter((x) => !kind || x.spec.kind === kind)) {
      const text = await fetch(`${a.http}/metrics`, { signal: AbortSignal.timeout(3000) })
        .then((r) => r.text())
        .catch(() => '');
      for (const m of text.matchAll(/^syn_reconciliation_repairs_total\{[^}]*\} (\d+)/gm)) total += Number(m[1]);
    }
    return total;
  }

  /**
   * What each level holds of the first stories a failed check names: the county's row, the hub's
   * submission and the decisions it wrote to its outbox, and what the counties parked. Enough to tell
   * an event never written from one never sent or one received and dropped.
   */
  async diagnose(problems: string[]): Promise<string> {
    const ids = [...new Set(problems.flatMap((p) => p.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? []))].slice(0, 20);
    const out: string[] = ['--- diagnosis'];
    // An app that died on its own leaves its stories half way; its last lines usually say why.
    for (const a of this.net.apps.filter((x) => !x.process.running))
      out.push(`${a.name} is not running; its last output:`, ...a.process.logs().split('\n').slice(-40));
    if (ids.length === 0) return out.join('\n');
    const dump = async (label: string, app: string, text: string, params: unknown[] = []) => {
      const rows = await this.sql<Record<string, unknown>>(app, text, params).catch((e: Error) => [{ error: e.message }]);
      out.push(`${label} (${app}):`, ...rows.map((row) => `  ${JSON.stringify(row)}`));
    };
    for (const app of this.net.apps.filter((a) => a.spec.kind === 'county' && !a.spec.replicaOf).map((a) => a.name)) {
      await dump(
        'county stories',
        app,
        `SELECT id, center_code, status, version, submitted_version, updated_at, decided_at FROM stories WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      await dump('county dead letters', app, `SELECT consumer, event_type, reason, delivery_count, created_at FROM dead_letters ORDER BY id DESC LIMIT 20`);
    }
    await dump(
      'hub submissions',
      HUB,
      `SELECT story_id, origin_code, version, status, decided_at FROM submissions WHERE story_id = ANY($1::uuid[]) ORDER BY story_id, version`,
      [ids],
    );
    await dump(
      'hub decisions in its outbox',
      HUB,
      `SELECT event_id, subject, created_at, sent_at, envelope::jsonb #>> '{payload,storyId}' AS story_id FROM outbox
        WHERE subject LIKE '%review%' AND envelope::jsonb #>> '{payload,storyId}' = ANY($1::text[]) ORDER BY seq`,
      [ids],
    );
    await dump('hub dead letters', HUB, `SELECT consumer, event_type, reason, delivery_count, created_at FROM dead_letters ORDER BY id DESC LIMIT 20`);
    return out.join('\n');
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
