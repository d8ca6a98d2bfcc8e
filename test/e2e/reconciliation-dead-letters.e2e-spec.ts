import { writeFileSync } from 'node:fs';
import { status } from '@grpc/grpc-js';
import { bucketOf, DEFAULT_BUCKETS } from '@syn/delivery';
import { CenterCredentials, ReconciliationClient } from '@syn/grpc';
import { BusInjector, eventually, makeSnapshot, NatsServerProcess, TEST_GRPC_SECRET, TestNetwork } from '@syn/testing';
import { as, storyInput } from '../support/http';
import { submitThroughReview } from '../support/county-review';

/**
 * What the bus lost, the digest comparison finds and re-drives; what can never apply is parked
 * with its reason while the stream behind it flows, and can be replayed once the cause is fixed.
 */
describe('reconciliation and dead letters', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;
  let bus: BusInjector;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000'] },
        { kind: 'city', centers: ['360700'] },
        { kind: 'county', centers: ['360702', '360704'] },
      ],
      env: { RECONCILE_INTERVAL_MS: '0' },
    });
    bus = await BusInjector.connect(nats.url);
  }, 120_000);

  afterAll(async () => {
    await bus?.close();
    await net?.stop();
    await nats?.stop();
  });

  const county = () => net.app('360702').http;
  const city = () => net.app('360700').http;
  const province = () => net.app('360000').http;
  const curator = () => as(city(), net.token('360700', 'curator'));
  const desk = () => as(province(), net.token('360000', 'desk-editor'));

  it('a submission the broker lost is found by the county’s digest comparison and re-driven', async () => {
    const editor = as(county(), net.token('360702', 'editor'));
    await net.app('360700').process.stop();
    const { body } = await editor.post('/api/v1/centers/360702/stories', storyInput({ title: '被总线丢失的稿件' })).expect(201);
    await submitThroughReview(net, '360702', body.id);
    const lost = await eventually(() => bus.last('syn.up.360700.360702.story.submitted'));
    expect(await bus.delete(lost.seq)).toBe(true);
    await net.restart('360700');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await curator().get('/api/v1/centers/360700/review-queue')).body.items.map((i: { storyId: string }) => i.storyId)).not.toContain(body.id);

    const admin = as(county(), net.token('360702', 'admin'));
    const run = await admin.post('/api/v1/centers/360702/reconciliation/run?graceMs=0').expect(200);
    expect(run.body).toMatchObject({ center: '360702', parent: '360700', repaired: 1, failed: 0 });
    await eventually(async () =>
      (await curator().get('/api/v1/centers/360700/review-queue')).body.items?.some((i: { storyId: string }) => i.storyId === body.id),
    );
    const again = await admin.post('/api/v1/centers/360702/reconciliation/run?graceMs=0').expect(200);
    expect(again.body).toMatchObject({ repaired: 0, differingBuckets: 0 });
    expect(await fetch(`${county()}/metrics`).then((r) => r.text())).toMatch(/syn_reconciliation_repairs_total\{center="360702",parent="360700"\} 1/);
    // Only a center's own admin may run it, and only for a center with a parent.
    await as(county(), net.token('360702', 'editor')).post('/api/v1/centers/360702/reconciliation/run').expect(403);
  });

  it('submissions lost in several buckets are all re-driven from one listing', async () => {
    const editor = as(county(), net.token('360702', 'editor'));
    await net.app('360700').process.stop();
    const ids: string[] = [];
    for (const title of ['丢失的第一篇', '丢失的第二篇', '丢失的第三篇']) {
      const { body } = await editor.post('/api/v1/centers/360702/stories', storyInput({ title })).expect(201);
      await submitThroughReview(net, '360702', body.id);
      const lost = await eventually(async () => {
        const m = await bus.last('syn.up.360700.360702.story.submitted');
        return m && (JSON.parse(Buffer.from(m.data).toString('utf8')) as { payload: { story: { id: string } } }).payload.story.id === body.id ? m : undefined;
      });
      expect(await bus.delete(lost.seq)).toBe(true);
      ids.push(body.id);
    }
    await net.restart('360700');
    const admin = as(county(), net.token('360702', 'admin'));
    // The county's channel to the restarted hub reconnects within a second or two: 503 until then.
    const run = await eventually(async () => {
      const res = await admin.post('/api/v1/centers/360702/reconciliation/run?graceMs=0');
      return res.status === 200 ? res : undefined;
    });
    expect(run.body).toMatchObject({ repaired: 3, failed: 0, differingBuckets: new Set(ids.map((id) => bucketOf(id, DEFAULT_BUCKETS))).size });
    await eventually(async () => {
      const queued = ((await curator().get('/api/v1/centers/360700/review-queue')).body.items ?? []).map((i: { storyId: string }) => i.storyId);
      return ids.every((id) => queued.includes(id));
    });
    const again = await admin.post('/api/v1/centers/360702/reconciliation/run?graceMs=0').expect(200);
    expect(again.body).toMatchObject({ repaired: 0, differingBuckets: 0 });
  });

  it('a review.decided the broker lost is re-driven downward by the hub when the county reconciles', async () => {
    const editor = as(county(), net.token('360702', 'editor'));
    const { body } = await editor.post('/api/v1/centers/360702/stories', storyInput({ title: '决定在路上丢失的稿件' })).expect(201);
    await submitThroughReview(net, '360702', body.id);
    await eventually(async () =>
      (await curator().get('/api/v1/centers/360700/review-queue')).body.items?.some((i: { storyId: string }) => i.storyId === body.id),
    );
    await net.app('360702').process.stop();
    await curator().post(`/api/v1/centers/360700/review-queue/${body.id}/decision`, { decision: 'accept' }).expect(200);
    const lost = await eventually(async () => {
      const m = await bus.last('syn.down.360700.360702.review.decided');
      return m && JSON.parse(Buffer.from(m.data).toString()).payload.storyId === body.id ? m : null;
    });
    expect(await bus.delete(lost.seq)).toBe(true);
    await net.restart('360702');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await editor.get(`/api/v1/centers/360702/stories/${body.id}`).expect(200)).body.status).toBe('submitted');

    const admin = as(county(), net.token('360702', 'admin'));
    const run = await admin.post('/api/v1/centers/360702/reconciliation/run?graceMs=0').expect(200);
    expect(run.body).toMatchObject({ center: '360702', parent: '360700', decisionsRedriven: 1, failed: 0 });
    await eventually(async () => (await editor.get(`/api/v1/centers/360702/stories/${body.id}`)).body.status === 'accepted');
    const again = await admin.post('/api/v1/centers/360702/reconciliation/run?graceMs=0').expect(200);
    expect(again.body).toMatchObject({ decisionsRedriven: 0 });
    expect(await fetch(`${county()}/metrics`).then((r) => r.text())).toMatch(
      /syn_reconciliation_decisions_redriven_total\{center="360702",parent="360700"\} 1/,
    );
  });

  it('only the child itself may ask its parent for digests, and bad arguments are INVALID_ARGUMENT', async () => {
    const address = `127.0.0.1:${net.app('360700').grpcPort}`;
    const since = new Date(Date.now() - 24 * 3600_000).toISOString();
    const clients = [
      new ReconciliationClient('360702', new CenterCredentials(TEST_GRPC_SECRET)),
      new ReconciliationClient('360704', new CenterCredentials(TEST_GRPC_SECRET)),
      new ReconciliationClient('360702', new CenterCredentials('not-the-deployment-secret')),
    ];
    const [child, sibling, forged] = clients;
    try {
      const d = await child.digest(address, '360700', { childCode: '360702', since, buckets: 64 });
      expect(d.parentCode).toBe('360700');
      expect(d.buckets.reduce((n, b) => n + b.count, 0)).toBeGreaterThan(0);
      const bucket = d.buckets[0];
      const items = await child.listAcknowledged(address, '360700', { childCode: '360702', since, buckets: 64, bucket: bucket.bucket });
      expect(items.items).toHaveLength(bucket.count);
      await expect(sibling.digest(address, '360700', { childCode: '360702', since, buckets: 64 })).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
      await expect(forged.digest(address, '360700', { childCode: '360702', since, buckets: 64 })).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
      // Credentials made for another center are not accepted here.
      await expect(child.digest(address, '360100', { childCode: '360702', since, buckets: 64 })).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
      await expect(child.digest(address, '360700', { childCode: '360702', since: 'yesterday', buckets: 64 })).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
      });
      await expect(child.digest(address, '360700', { childCode: '360702', since, buckets: 0 })).rejects.toMatchObject({ code: status.INVALID_ARGUMENT });
      await expect(child.listAcknowledged(address, '360700', { childCode: '360702', since, buckets: 8, bucket: 8 })).rejects.toMatchObject({
        code: status.INVALID_ARGUMENT,
      });
    } finally {
      for (const c of clients) c.close();
    }
  });

  it('a story.pooled lost on the way to the province is re-driven by the city and indexed', async () => {
    const editor = as(county(), net.token('360702', 'editor'));
    const { body } = await editor.post('/api/v1/centers/360702/stories', storyInput({ title: '省级索引漏收的稿件' })).expect(201);
    await submitThroughReview(net, '360702', body.id);
    await eventually(async () =>
      (await curator().get('/api/v1/centers/360700/review-queue')).body.items?.some((i: { storyId: string }) => i.storyId === body.id),
    );
    await net.app('360000').process.stop();
    await curator().post(`/api/v1/centers/360700/review-queue/${body.id}/decision`, { decision: 'accept' }).expect(200);
    const lost = await eventually(async () => {
      const m = await bus.last('syn.up.360000.360700.story.pooled');
      return m && Buffer.from(m.data).toString().includes(body.id) ? m : null;
    });
    await bus.delete(lost.seq);
    await net.restart('360000');
    const admin = as(city(), net.token('360700', 'admin'));
    const run = await admin.post('/api/v1/centers/360700/reconciliation/run?graceMs=0').expect(200);
    expect(run.body).toMatchObject({ center: '360700', parent: '360000', repaired: 1 });
    await eventually(async () => (await desk().get(`/api/v1/centers/360000/index/${body.id}`)).status === 200);
  });

  it('poison is parked with its reason while the messages behind it are applied', async () => {
    const subject = 'syn.up.360700.360702.story.submitted';
    const good = makeSnapshot('360702', { title: '毒消息之后的正常稿件' });
    const submitted = (story: object) =>
      BusInjector.envelope('story.submitted', '360702', { story, submittedBy: '测试', submittedAt: new Date().toISOString() });
    await bus.publish(subject, '{"id": not json');
    await bus.publish(subject, submitted({ ...good, id: 'not-a-uuid' }));
    await bus.publish(subject, JSON.stringify(submitted({ ...good, body: 'x'.repeat(950 * 1024) })));
    await bus.publish('syn.up.360700.360702.story.teleported', BusInjector.envelope('story.teleported', '360702', { story: good }));
    await bus.publish(subject, BusInjector.envelope('story.submitted', '360703', { story: good, submittedBy: '冒充', submittedAt: new Date().toISOString() }));
    await bus.publish(subject, submitted(good));

    await eventually(async () =>
      (await curator().get('/api/v1/centers/360700/review-queue')).body.items?.some((i: { storyId: string }) => i.storyId === good.id),
    );
    const admin = as(city(), net.token('360700', 'admin'));
    const letters = await eventually(async () => {
      const r = await admin.get('/api/v1/centers/360700/dead-letters?pending=true');
      return r.body.items?.length >= 5 ? r.body.items : null;
    });
    const reasons = letters.map((l: { reason: string }) => l.reason).join('\n');
    expect(reasons).toMatch(/malformed JSON/);
    expect(reasons).toMatch(/payload invalid.*id must be a UUID/);
    expect(reasons).toMatch(/oversize payload/);
    expect(reasons).toMatch(/unknown event type story\.teleported/);
    expect(reasons).toMatch(/origin mismatch/);
    await as(city(), net.token('360700', 'curator')).get('/api/v1/centers/360700/dead-letters').expect(403);
    const oversize = letters.find((l: { reason: string }) => /oversize/.test(l.reason));
    await admin.post(`/api/v1/centers/360700/dead-letters/${oversize.id}/replay`).expect(422);
  });

  it('a story parked for an unknown origin is replayed after the network file is fixed', async () => {
    const province = net.app('360000');
    const fullFile = province.env.NETWORK_FILE;
    const partialFile = `${fullFile}.partial.json`;
    writeFileSync(partialFile, JSON.stringify({ centers: net.centers.filter((c) => c.code !== '360704') }));
    province.env.NETWORK_FILE = partialFile;
    await net.restart('360000');

    const ganxian = as(county(), net.token('360704', 'editor'));
    const { body } = await ganxian.post('/api/v1/centers/360704/stories', storyInput({ title: '赣县区：新加入网络的县' })).expect(201);
    await submitThroughReview(net, '360704', body.id);
    await eventually(async () =>
      (await curator().get('/api/v1/centers/360700/review-queue')).body.items?.some((i: { storyId: string }) => i.storyId === body.id),
    );
    await curator().post(`/api/v1/centers/360700/review-queue/${body.id}/decision`, { decision: 'accept' }).expect(200);

    const admin = () => as(net.app('360000').http, net.token('360000', 'admin'));
    const letter = await eventually(async () =>
      (await admin().get('/api/v1/centers/360000/dead-letters')).body.items?.find((l: { reason: string }) => l.reason.includes(body.id)),
    );
    expect(letter).toMatchObject({ eventType: 'story.pooled', subject: 'syn.up.360000.360700.story.pooled' });
    expect(letter.reason).toMatch(/not from the subtree of hub 360700/);
    await admin().post(`/api/v1/centers/360000/dead-letters/${letter.id}/replay`).expect(422);

    province.env.NETWORK_FILE = fullFile;
    await net.restart('360000');
    const replayed = await admin().post(`/api/v1/centers/360000/dead-letters/${letter.id}/replay`).expect(201);
    expect(replayed.body).toEqual({ id: letter.id, applied: true });
    await desk().get(`/api/v1/centers/360000/index/${body.id}`).expect(200);
    const twice = await admin().post(`/api/v1/centers/360000/dead-letters/${letter.id}/replay`).expect(201);
    expect(twice.body).toEqual({ id: letter.id, applied: false });
    const listed = await admin().get('/api/v1/centers/360000/dead-letters?pending=true').expect(200);
    expect(listed.body.items.map((l: { id: string }) => l.id)).not.toContain(letter.id);
  });
});
