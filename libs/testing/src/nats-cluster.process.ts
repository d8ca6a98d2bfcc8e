import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { STREAM_NAME } from '@syn/contracts';
import { generateNatsCluster, synStreamConfig, type NatsTopology } from '@syn/messaging';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findFreePort } from './free-port';
import { NatsServerProcess } from './nats-server.process';
import { sleep } from './tcp-probe';
import { TcpLink } from './tcp-link';

export interface LeafSiteProcess {
  name: string;
  server: NatsServerProcess;
}

const HOST = '127.0.0.1';

/**
 * A province's NATS as in production, on this machine: three JetStream nodes routed to each
 * other and county leaf servers, all from the configurations deploy/nats/generate-nats-cluster
 * writes. The counties' line to the province runs through a TcpLink in front of each node's leaf
 * port (the address the nodes advertise to leaves), which the test can cut.
 */
export class NatsCluster {
  /** The JetStream domain of the test cluster; apps behind a leaf set NATS_JS_DOMAIN to it. */
  static readonly DOMAIN = 'province';

  private constructor(
    readonly nodes: Map<string, NatsServerProcess>,
    readonly leafSites: Map<string, LeafSiteProcess>,
    private readonly links: TcpLink[],
    private readonly dir: string,
  ) {}

  static async start(opts: { leafSites?: Array<{ name: string; centers: string[] }> } = {}): Promise<NatsCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'nats-cluster-'));
    const taken = new Set<number>();
    const port = async () => {
      for (;;) {
        const p = await findFreePort(HOST);
        if (!taken.has(p)) return (taken.add(p), p);
      }
    };
    const topology: NatsTopology = { cluster: 'syn-test', domain: NatsCluster.DOMAIN, nodes: [], leafSites: [] };
    for (const name of ['nats-1', 'nats-2', 'nats-3'])
      topology.nodes.push({ name, host: HOST, client: await port(), cluster: await port(), leaf: await port(), storeDir: join(dir, name) });
    for (const s of opts.leafSites ?? []) topology.leafSites.push({ ...s, host: HOST, client: await port() });
    // Leaves dial (and are told by the nodes to dial) the forwarders, so that the test can cut their line.
    const linkPorts = await Promise.all(topology.nodes.map(() => port()));
    topology.nodes.forEach((n, i) => (n.leafAdvertise = `${HOST}:${linkPorts[i]}`));
    const generated = generateNatsCluster(topology);

    const nodes = new Map<string, NatsServerProcess>();
    const leafSites = new Map<string, LeafSiteProcess>();
    const links: TcpLink[] = [];
    const cluster = new NatsCluster(nodes, leafSites, links, dir);
    try {
      await Promise.all(
        topology.nodes.map(async (n) => {
          const file = join(dir, `${n.name}.conf`);
          writeFileSync(file, generated.nodes[n.name]!);
          nodes.set(
            n.name,
            await NatsServerProcess.start({ port: n.client, storeDir: n.storeDir, configFile: file, jetstream: false, readyTimeoutMs: 20_000 }),
          );
        }),
      );
      for (const [i, n] of topology.nodes.entries()) links.push(await TcpLink.open(linkPorts[i]!, { host: HOST, port: n.leaf }));
      for (const s of topology.leafSites) {
        const file = join(dir, `leaf-${s.name}.conf`);
        writeFileSync(file, generated.leafSites[s.name]!);
        leafSites.set(s.name, { name: s.name, server: await NatsServerProcess.start({ port: s.client, configFile: file, jetstream: false }) });
      }
      for (const s of leafSites.values()) await cluster.waitForJetStreamVia(s.server);
    } catch (e) {
      await cluster.stop();
      throw e;
    }
    return cluster;
  }

  /** Every node, as apps list them in NATS_URL. */
  get url(): string {
    return [...this.nodes.values()].map((n) => n.url).join(',');
  }

  leafUrl(site: string): string {
    const s = this.leafSites.get(site);
    if (!s) throw new Error(`no leaf site ${site}`);
    return s.server.url;
  }

  node(name: string): NatsServerProcess {
    const n = this.nodes.get(name);
    if (!n) throw new Error(`no cluster node ${name}`);
    return n;
  }

  /**
   * Waits until JetStream has a meta leader and creates the stream at R3, as the operator's
   * provisioning does before any app starts (apps could only make it if it were missing).
   */
  async provision(timeoutMs = 30_000): Promise<void> {
    const nc = await connect({ servers: this.url.split(','), maxReconnectAttempts: -1 });
    try {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          const jsm = await jetstreamManager(nc, { timeout: 5000 });
          await jsm.streams.info(STREAM_NAME).catch(() => jsm.streams.add(synStreamConfig(3)));
          return;
        } catch (e) {
          if (Date.now() > deadline) throw new Error(`JetStream cluster not ready: ${(e as Error).message}`, { cause: e });
          await sleep(500);
        }
      }
    } finally {
      await nc.close();
    }
  }

  /** Until the province's JetStream answers through this server (a leaf's link is up). */
  private async waitForJetStreamVia(server: NatsServerProcess, timeoutMs = 30_000): Promise<void> {
    const nc = await connect({ servers: server.url, maxReconnectAttempts: -1 });
    try {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          await (await jetstreamManager(nc, { timeout: 2000, domain: NatsCluster.DOMAIN })).getAccountInfo();
          return;
        } catch (e) {
          if (Date.now() > deadline) throw new Error(`no JetStream through ${server.url}: ${(e as Error).message}\n${server.logs()}`, { cause: e });
          await sleep(250);
        }
      }
    } finally {
      await nc.close();
    }
  }

  /** The node leading the stream right now, and the replicas it reports as current. */
  async streamLeader(): Promise<{ leader: string; replicas: Array<{ name: string; current: boolean }> }> {
    const nc = await connect({ servers: this.url.split(',') });
    try {
      const info = await (await jetstreamManager(nc, { timeout: 5000 })).streams.info(STREAM_NAME);
      return { leader: info.cluster?.leader ?? '', replicas: (info.cluster?.replicas ?? []).map((r) => ({ name: r.name, current: r.current })) };
    } finally {
      await nc.close();
    }
  }

  /** Cuts the counties' line to the province (every node's leaf port), or restores it. */
  async cutLeafLinks(): Promise<void> {
    await Promise.all(this.links.map((l) => l.cut()));
  }
  async restoreLeafLinks(): Promise<void> {
    await Promise.all(this.links.map((l) => l.restore()));
  }

  async stop(): Promise<void> {
    for (const s of this.leafSites.values()) await s.server.stop();
    await Promise.all(this.links.map((l) => l.cut()));
    await Promise.all([...this.nodes.values()].map((n) => n.stop()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
