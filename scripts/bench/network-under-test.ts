import { NatsServerProcess, RunningApp, TestNetwork } from '@syn/testing';
import { Pool } from 'pg';
import { benchAppNodeArgs } from './bench-app-node-args';
import type { BenchTopology } from './bench-topology';
import { PROBE_CONNECTION_OPTIONS } from './wait-for-count';

/**
 * The network the bench measures: its own nats-server (temporary store), one database per app,
 * the built apps as separate processes. The bench owns those databases, so it reads them
 * directly to learn when a row is committed.
 */
export class NetworkUnderTest {
  private readonly pools = new Map<string, Pool>();

  private constructor(
    readonly nats: NatsServerProcess,
    readonly net: TestNetwork,
    readonly topology: BenchTopology,
  ) {}

  static async start(topology: BenchTopology, nats: NatsServerProcess): Promise<NetworkUnderTest> {
    // Production settings where TestNetwork defaults to test ones: the relay is woken at commit, polling is the fallback.
    const env = { OUTBOX_POLL_MS: '1000', LOG_LEVEL: 'info' };
    const apps = topology.apps.map((a) => ({ ...a, nodeArgs: benchAppNodeArgs(a.name ?? a.kind) }));
    const net = await TestNetwork.start({ natsUrl: nats.url, apps, centers: topology.centers, env });
    return new NetworkUnderTest(nats, net, topology);
  }

  get apps(): RunningApp[] {
    return this.net.apps;
  }

  /** The app process hosting a center. */
  appOf(center: string): RunningApp {
    return this.net.app(center);
  }

  db(app: RunningApp): Pool {
    let p = this.pools.get(app.name);
    if (!p) {
      p = new Pool({ connectionString: app.database.url, max: 2, options: PROBE_CONNECTION_OPTIONS });
      this.pools.set(app.name, p);
    }
    return p;
  }

  get province(): RunningApp {
    return this.net.app('province');
  }

  get cities(): RunningApp[] {
    return this.apps.filter((a) => a.spec.kind === 'city');
  }

  get counties(): RunningApp[] {
    return this.apps.filter((a) => a.spec.kind === 'county');
  }

  /** Rows in pool_stories across every city hub, and in the provincial index. */
  async pooledCount(): Promise<number> {
    const counts = await Promise.all(this.cities.map(async (c) => Number((await this.db(c).query(`SELECT count(*)::int AS n FROM pool_stories`)).rows[0].n)));
    return counts.reduce((a, b) => a + b, 0);
  }

  async indexedCount(): Promise<number> {
    return Number((await this.db(this.province).query(`SELECT count(*)::int AS n FROM story_index`)).rows[0].n);
  }

  processes(): Array<{ name: string; pid: number | undefined }> {
    return [...this.apps.map((a) => ({ name: a.name, pid: a.process.pid })), { name: 'nats-server', pid: this.nats.pid }];
  }

  async stop(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.end().catch(() => undefined)));
    this.pools.clear();
    await this.net.stop();
  }
}
