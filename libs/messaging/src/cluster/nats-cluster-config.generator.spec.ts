import { generateNatsCluster } from './nats-cluster-config.generator';
import { parseNatsTopology, type NatsTopology } from './nats-topology';

const centers = new Set(['360000', '360700', '360702', '360703']);
const raw = {
  cluster: 'syn-jiangxi',
  domain: 'jiangxi',
  nodes: [1, 2, 3].map((i) => ({ name: `nats-${i}`, host: `10.0.0.${i}`, client: 4222, cluster: 6222, leaf: 7422, storeDir: `/var/lib/nats/${i}` })),
  leafSites: [{ name: 'ganzhou', centers: ['360702', '360703'], host: '127.0.0.1', client: 4222 }],
};

describe('parseNatsTopology', () => {
  it('accepts a well-formed block', () => {
    const t = parseNatsTopology(raw, centers);
    expect(t.nodes.map((n) => n.name)).toEqual(['nats-1', 'nats-2', 'nats-3']);
    expect(t.leafSites[0]!.centers).toEqual(['360702', '360703']);
  });

  it('names the field that is wrong', () => {
    expect(() => parseNatsTopology({ ...raw, nodes: raw.nodes.slice(0, 2) }, centers)).toThrow(/odd number of at least 3/);
    expect(() => parseNatsTopology({ ...raw, nodes: [{ ...raw.nodes[0], client: 0 }, ...raw.nodes.slice(1)] }, centers)).toThrow(/nats\.nodes\[0\]\.client/);
    expect(() => parseNatsTopology({ ...raw, leafSites: [{ ...raw.leafSites[0], centers: ['999999'] }] }, centers)).toThrow(/999999 is not a center/);
    expect(() => parseNatsTopology({ ...raw, domain: 'a.b' }, centers)).toThrow(/nats\.domain/);
  });
});

describe('generateNatsCluster', () => {
  const topology: NatsTopology = parseNatsTopology(raw, centers);
  const g = generateNatsCluster(topology, { authInclude: 'auth.conf', passwords: { 'syn-route': 'r0ute', 'leaf-ganzhou': 'l3af' } });

  it('routes every node to the two others, in the JetStream domain, with the leaf port closed to gossip', () => {
    const n1 = g.nodes['nats-1']!;
    expect(n1).toContain('server_name: "nats-1"');
    expect(n1).toContain('domain: "jiangxi"');
    expect(n1).toContain('"nats-route://syn-route:r0ute@10.0.0.2:6222"');
    expect(n1).toContain('"nats-route://syn-route:r0ute@10.0.0.3:6222"');
    expect(n1).not.toContain('@10.0.0.1:6222');
    expect(n1).toContain('{ user: "leaf-ganzhou", password: "l3af" }');
    expect(n1).toContain('no_advertise: true');
    expect(n1).toContain('include "auth.conf"');
  });

  it('gives a county site a leaf server without JetStream that dials every node', () => {
    const leaf = g.leafSites['ganzhou']!;
    expect(leaf).not.toMatch(/^jetstream/m);
    for (const i of [1, 2, 3]) expect(leaf).toContain(`"nats-leaf://leaf-ganzhou:l3af@10.0.0.${i}:7422"`);
    expect(leaf).toContain('NATS_JS_DOMAIN=jiangxi');
  });

  it('adds TLS to clients, routes (verified both ways) and leaf links when the topology names certificates', () => {
    const tls = generateNatsCluster({ ...topology, tls: { cert: '/etc/nats/n.pem', key: '/etc/nats/n.key', ca: '/etc/nats/ca.pem' } });
    expect(tls.nodes['nats-2']!.match(/cert_file: "\/etc\/nats\/n.pem"/g)).toHaveLength(3);
    expect(tls.nodes['nats-2']).toContain('verify: true');
    expect(tls.leafSites['ganzhou']).toContain('ca_file: "/etc/nats/ca.pem"');
    expect(tls.leafSites['ganzhou']).toMatch(/"tls:\/\/leaf-ganzhou:[\w-]+@10\.0\.0\.1:7422"/);
  });
});
