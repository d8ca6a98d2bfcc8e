import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { STREAM_NAME } from '@syn/contracts';
import { consumerName } from '@syn/messaging';
import { eventually, NatsCluster } from '@syn/testing';
import { as } from '../support/http';
import { expectClean, FaultHarness, useFaultHarness, HUB, LOAD_MS, PROVINCE, sleep } from './support/fault-harness';

const LEAF_SITE = 'county-b-site';
const CITY = `city-${HUB}`;
const CITY_REPLICA = 'city-replica';

/**
 * Past one machine: the apps run against a 3-node JetStream cluster (stream and consumers at R3),
 * the city hub runs as two replicas on one database, and county app b sits behind its own leaf
 * server whose line to the province the test can cut. Each scenario breaks one of these for real
 * under load; the checker prints its line and any lost, duplicated or mismatched story fails it.
 */
describe('faults: NATS cluster, app replicas and a county on a leaf node', () => {
  let h: FaultHarness<NatsCluster>;

  useFaultHarness(async () => {
    const cluster = await NatsCluster.start({ leafSites: [{ name: LEAF_SITE, centers: ['360704', '360781'] }] });
    try {
      await cluster.provision();
    } catch (e) {
      await cluster.stop();
      throw e;
    }
    return (h = await FaultHarness.on(
      cluster,
      [
        { kind: 'province', centers: [PROVINCE] },
        { kind: 'city', centers: [HUB] },
        { kind: 'city', centers: [HUB], name: CITY_REPLICA, replicaOf: CITY },
        { kind: 'county', centers: ['360702', '360703'], name: 'county-a' },
        { kind: 'county', centers: ['360704', '360781'], name: 'county-b', env: { NATS_URL: cluster.leafUrl(LEAF_SITE), NATS_JS_DOMAIN: NatsCluster.DOMAIN } },
      ],
      { NATS_STREAM_REPLICAS: '3' },
    ));
  }, 180_000);

  it('nats-node-killed: kill -9 the node leading the stream under load, start it again', async () => {
    const load = h.startLoad('nats-node-killed');
    await sleep(LOAD_MS / 2);
    const { leader } = await h.nats.streamLeader();
    await h.nats.node(leader).kill('SIGKILL');
    // The other two are a majority: a new leader takes over while the old one is away.
    const after = await eventually(async () => {
      const s = await h.nats.streamLeader();
      return s.leader && s.leader !== leader ? s : null;
    }, 20_000);
    expect(after.leader).not.toBe(leader);
    await sleep(2000);
    await h.nats.node(leader).restart();
    await sleep(LOAD_MS / 2);
    await load.stop();
    expectClean(await h.converge('nats-node-killed', load));
    // The stream and the consumers the apps made are replicated on all three nodes again.
    const nc = await connect({ servers: h.nats.url.split(',') });
    try {
      const jsm = await jetstreamManager(nc);
      const stream = await eventually(async () => {
        const s = await h.nats.streamLeader();
        return s.replicas.length === 2 && s.replicas.every((r) => r.current) ? s : null;
      }, 30_000);
      expect(stream.replicas.map((r) => r.name).sort()).toEqual(['nats-1', 'nats-2', 'nats-3'].filter((n) => n !== stream.leader).sort());
      const consumer = await jsm.consumers.info(STREAM_NAME, consumerName(HUB, 'up'));
      expect(consumer.config.num_replicas).toBe(3);
      expect(consumer.cluster?.replicas ?? []).toHaveLength(2);
    } finally {
      await nc.close();
    }
  }, 300_000);

  it('city-replica-killed: two city processes share the hub’s consumers; kill -9 one under load', async () => {
    const load = h.startLoad('city-replica-killed');
    await sleep(LOAD_MS / 2);
    const appliedBy = async (app: string) => {
      const text = await fetch(`${h.net.app(app).http}/metrics`).then((r) => r.text());
      return [...text.matchAll(/^syn_events_applied_total\{consumer="360700-from-children"\} (\d+)/gm)].reduce((n, m) => n + Number(m[1]), 0);
    };
    // Both replicas pull from the same durable consumer: each has applied part of the load.
    expect(await appliedBy(CITY)).toBeGreaterThan(0);
    expect(await appliedBy(CITY_REPLICA)).toBeGreaterThan(0);
    await h.net.app(CITY).process.kill('SIGKILL');
    try {
      // The survivor carries the whole load alone meanwhile.
      const before = await appliedBy(CITY_REPLICA);
      await eventually(async () => (await appliedBy(CITY_REPLICA)) > before, 20_000);
      // The province opens pooled stories over gRPC from whichever replica is up: the network file
      // names both, and the dead one is left out.
      const indexed = await eventually(async () => {
        const rows = await h.sql<{ story_id: string }>(PROVINCE, `SELECT story_id FROM story_index ORDER BY story_id DESC LIMIT 5`);
        return rows.length > 0 ? rows : null;
      }, 30_000);
      const desk = as(h.net.app(PROVINCE).http, h.net.token(PROVINCE, 'desk-editor'));
      let opened = 0;
      for (const { story_id } of indexed) {
        const r = await desk.get(`/api/v1/centers/${PROVINCE}/index/${story_id}`);
        // A story the load withdrew meanwhile has left the pool before its takedown reaches the index.
        if (r.status === 404 && load.acks.get(story_id)?.withdrawn) continue;
        expect(r.status).toBe(200);
        expect(r.body.id).toBe(story_id);
        opened++;
      }
      expect(opened).toBeGreaterThan(0);
      await sleep(LOAD_MS / 2);
    } finally {
      // Back up whatever happened above, so that one failed scenario does not fail the ones after it.
      await h.net.restart(CITY);
    }
    await sleep(1000);
    await load.stop();
    expectClean(await h.converge('city-replica-killed', load));
  }, 300_000);

  it('leaf-link-cut: the county site’s line to the province fails; the county keeps submitting (and restarts), then everything drains', async () => {
    const load = h.startLoad('leaf-link-cut');
    await sleep(LOAD_MS / 3);
    const atLeaf = () => [...load.acks.values()].filter((a) => a.center === '360704' || a.center === '360781').length;
    await h.nats.cutLeafLinks();
    const acceptedAtCut = atLeaf();
    await sleep(Math.max(LOAD_MS, 5000) / 2);
    // A county app that restarts (a power cut at the site) while the line is down starts and serves its desk.
    await h.net.app('county-b').process.kill('SIGKILL');
    await h.net.restart('county-b');
    const acceptedAfterRestart = atLeaf();
    await sleep(Math.max(LOAD_MS, 5000) / 2);
    expect(atLeaf()).toBeGreaterThan(acceptedAfterRestart);
    // Writing and submitting went on at the county: its outbox holds what could not be sent.
    const [{ unsent }] = await h.sql<{ unsent: number }>('county-b', `SELECT count(*)::int AS unsent FROM outbox WHERE sent_at IS NULL`);
    expect(unsent).toBeGreaterThan(0);
    expect(atLeaf()).toBeGreaterThan(acceptedAtCut);
    await h.nats.restoreLeafLinks();
    await sleep(LOAD_MS / 3);
    await load.stop();
    expectClean(await h.converge('leaf-link-cut', load));
    const [{ left }] = await h.sql<{ left: number }>('county-b', `SELECT count(*)::int AS left FROM outbox WHERE sent_at IS NULL`);
    expect(left).toBe(0);
  }, 300_000);
});
