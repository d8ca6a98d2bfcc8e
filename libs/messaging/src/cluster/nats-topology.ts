import { readFileSync } from 'node:fs';

/** One JetStream server of a province's cluster. */
export interface NatsClusterNode {
  name: string;
  host: string;
  /** Port apps connect to. */
  client: number;
  /** Port the other nodes route to. */
  cluster: number;
  /** Port county leaf nodes connect to. */
  leaf: number;
  /** Where this node keeps its JetStream files. */
  storeDir: string;
  /**
   * host:port at which county sites reach this node's leaf port when that is not host:leaf (a
   * NAT or a load balancer in front). Nodes tell leaf servers their address; without this a
   * leaf would learn host:leaf and dial it past whatever stands in between.
   */
  leafAdvertise?: string;
}

/** A county site's own nats-server: its apps connect here, it connects up as a leaf node. */
export interface NatsLeafSite {
  name: string;
  /** The county centers whose apps run at this site. */
  centers: string[];
  host: string;
  client: number;
}

export interface NatsTls {
  cert: string;
  key: string;
  ca: string;
}

/** The `nats` block of a network file: the province's cluster and the county sites that hang off it. */
export interface NatsTopology {
  cluster: string;
  /** The cluster's JetStream domain: how apps behind a county's leaf node address the stream. */
  domain: string;
  nodes: NatsClusterNode[];
  leafSites: NatsLeafSite[];
  tls?: NatsTls;
}

const NAME = /^[a-z][a-z0-9-]{0,40}$/;
const HOST = /^[\w.-]+$/;

function port(where: string, v: unknown): number {
  if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > 65535) throw new Error(`${where} must be a port number (got ${JSON.stringify(v)})`);
  return v as number;
}

function text(where: string, v: unknown, pattern?: RegExp): string {
  if (typeof v !== 'string' || v.length === 0 || (pattern && !pattern.test(v))) throw new Error(`${where} is missing or malformed (got ${JSON.stringify(v)})`);
  return v;
}

/** Checks a `nats` block; every error names the field, so a typo in the network file is found at once. */
export function parseNatsTopology(raw: unknown, knownCenters: ReadonlySet<string>): NatsTopology {
  const t = raw as Record<string, unknown> | undefined;
  if (!t || typeof t !== 'object') throw new Error('network file has no "nats" block');
  const cluster = text('nats.cluster', t.cluster, NAME);
  const domain = text('nats.domain', t.domain, /^[A-Za-z0-9_-]{1,32}$/);
  if (!Array.isArray(t.nodes) || t.nodes.length < 3 || t.nodes.length % 2 === 0)
    throw new Error(
      `nats.nodes must list an odd number of at least 3 servers, so that a majority survives one loss (got ${Array.isArray(t.nodes) ? t.nodes.length : 0})`,
    );
  const names = new Set<string>();
  const unique = (where: string, name: string) => {
    if (names.has(name)) throw new Error(`${where} ${name} is used twice`);
    names.add(name);
    return name;
  };
  const nodes = t.nodes.map((n: Record<string, unknown>, i: number): NatsClusterNode => {
    const w = `nats.nodes[${i}]`;
    return {
      name: unique(`${w}.name`, text(`${w}.name`, n.name, NAME)),
      host: text(`${w}.host`, n.host, HOST),
      client: port(`${w}.client`, n.client),
      cluster: port(`${w}.cluster`, n.cluster),
      leaf: port(`${w}.leaf`, n.leaf),
      storeDir: text(`${w}.storeDir`, n.storeDir),
      ...(n.leafAdvertise === undefined ? {} : { leafAdvertise: text(`${w}.leafAdvertise`, n.leafAdvertise, /^[\w.-]+:\d{1,5}$/) }),
    };
  });
  const hosted = new Map<string, string>();
  const leafSites = ((t.leafSites as Record<string, unknown>[] | undefined) ?? []).map((s, i): NatsLeafSite => {
    const w = `nats.leafSites[${i}]`;
    const name = unique(`${w}.name`, text(`${w}.name`, s.name, NAME));
    if (!Array.isArray(s.centers) || s.centers.length === 0) throw new Error(`${w}.centers must list the county centers at the site`);
    for (const c of s.centers as string[]) {
      if (!knownCenters.has(c)) throw new Error(`${w}.centers: ${c} is not a center of this network`);
      const other = hosted.get(c);
      if (other) throw new Error(`${w}.centers: ${c} is already at site ${other}`);
      hosted.set(c, name);
    }
    return { name, centers: [...(s.centers as string[])], host: text(`${w}.host`, s.host, HOST), client: port(`${w}.client`, s.client) };
  });
  const tlsRaw = t.tls as Record<string, unknown> | undefined;
  const tls = tlsRaw ? { cert: text('nats.tls.cert', tlsRaw.cert), key: text('nats.tls.key', tlsRaw.key), ca: text('nats.tls.ca', tlsRaw.ca) } : undefined;
  return { cluster, domain, nodes, leafSites, ...(tls ? { tls } : {}) };
}

/** The `nats` block of a network file, checked against the file's centers. */
export function readNatsTopology(path: string): NatsTopology {
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as { centers?: Array<{ code: string }>; nats?: unknown };
  return parseNatsTopology(parsed.nats, new Set((parsed.centers ?? []).map((c) => c.code)));
}
