import { BusInjector, eventually, makeSnapshot, NatsServerProcess, TestNetwork } from '@syn/testing';
import { status } from '@grpc/grpc-js';
import { storyPoolAs } from '../support/grpc';
import { as, storyInput } from '../support/http';
import { submitThroughReview } from '../support/county-review';

/**
 * 更正 and 撤稿 across the three levels on real PostgreSQL, JetStream and gRPC: a correction reaches
 * the city pool and the provincial index with receipts back to the origin; a takedown removes the
 * story everywhere, also when it overtakes the story; embargoed stories stay with origin and hub.
 */
describe('corrections, takedowns, receipts and embargo', () => {
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
        { kind: 'county', centers: ['360702', '360703'], env: { RECEIPT_ALERT_AFTER_MS: '1000' } },
      ],
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
  const editor = () => as(county(), net.token('360702', 'editor', 'u-liu', '刘敏'));
  const chief = () => as(county(), net.token('360702', 'chief-editor', 'u-zhao', '赵主编'));
  const curator = () => as(city(), net.token('360700', 'curator', 'c-wang', '王审'));
  const desk = () => as(province(), net.token('360000', 'desk-editor'));

  /** Writes, submits and accepts a story; resolves once the province has indexed it. */
  async function pooledStory(over: Record<string, unknown> = {}): Promise<string> {
    const { body } = await editor().post('/api/v1/centers/360702/stories', storyInput(over)).expect(201);
    await submitThroughReview(net, '360702', body.id);
    await eventually(async () =>
      (await curator().get('/api/v1/centers/360700/review-queue')).body.items?.some((i: { storyId: string }) => i.storyId === body.id),
    );
    await curator().post(`/api/v1/centers/360700/review-queue/${body.id}/decision`, { decision: 'accept' }).expect(200);
    await eventually(async () => (await editor().get(`/api/v1/centers/360702/stories/${body.id}`)).body.status === 'accepted');
    return body.id as string;
  }

  it('a correction is a new version that reaches the pool and the index, and every hop confirms it', async () => {
    const id = await pooledStory({ title: '章贡区：今年新建5G基站200座' });
    await eventually(async () => (await desk().get(`/api/v1/centers/360000/index/${id}`)).status === 200);

    await editor().post(`/api/v1/centers/360702/stories/${id}/corrections`, { title: '章贡区：今年新建5G基站300座' }).expect(400);
    const corrected = await editor()
      .post(`/api/v1/centers/360702/stories/${id}/corrections`, { title: '章贡区：今年新建5G基站300座', note: '更正：基站数量应为300座' })
      .expect(202);
    expect(corrected.body).toMatchObject({ version: 2, status: 'accepted', title: '章贡区：今年新建5G基站300座' });

    const pooled = await eventually(async () => {
      const r = await curator().get(`/api/v1/centers/360700/pool/${id}`);
      return r.body.version === 2 ? r.body : null;
    });
    expect(pooled).toMatchObject({ title: '章贡区：今年新建5G基站300座', contentHash: corrected.body.contentHash });
    const indexed = await eventually(async () => {
      const r = await desk().get('/api/v1/centers/360000/index?county=360702');
      return r.body.items?.find((i: { storyId: string; version: number }) => i.storyId === id && i.version === 2);
    });
    expect(indexed).toMatchObject({ title: '章贡区：今年新建5G基站300座', contentHash: corrected.body.contentHash });

    // The origin sees its hub and, through it, the province confirm; the hub sees the province.
    const seen = await eventually(async () => {
      const r = await editor().get(`/api/v1/centers/360702/deliveries/${id}`).expect(200);
      return r.body.confirmed.includes('360700') && r.body.confirmed.includes('360000') ? r.body : null;
    });
    expect(seen.pending).toEqual([]);
    expect(seen.holders.find((h: { holder: string }) => h.holder === '360000')).toMatchObject({
      via: '360700',
      version: 2,
      kind: 'correction',
      receiptLabel: '已确认',
    });
    const atHub = await as(city(), net.token('360700', 'curator')).get(`/api/v1/centers/360700/deliveries/${id}`).expect(200);
    expect(atHub.body.holders).toEqual([
      expect.objectContaining({ holder: '360000', version: 2, kind: 'correction', receiptStatus: 'confirmed', receiptOutcome: 'applied' }),
    ]);

    // The same correction delivered again (a redelivery with a new message id) changes nothing.
    const original = await bus.last('syn.up.360700.360702.story.corrected');
    expect(original).not.toBeNull();
    await bus.publish(original!.subject, original!.data);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await curator().get(`/api/v1/centers/360700/pool/${id}`)).body.version).toBe(2);
  });

  it('a takedown removes the story from pool, index and gRPC, beats later versions, and is confirmed', async () => {
    const id = await pooledStory({ title: '南康区：待撤回的稿件' });
    await eventually(async () => (await desk().get(`/api/v1/centers/360000/index/${id}`)).status === 200);
    await editor().post(`/api/v1/centers/360702/stories/${id}/withdrawal`, { reason: '稿件涉及未核实信息' }).expect(403);
    await chief().post(`/api/v1/centers/360702/stories/${id}/withdrawal`, {}).expect(400);
    const w = await chief().post(`/api/v1/centers/360702/stories/${id}/withdrawal`, { reason: '稿件涉及未核实信息' }).expect(202);
    expect(w.body).toMatchObject({ version: 2, statusLabel: '已撤稿', withdrawalReason: '稿件涉及未核实信息' });

    await eventually(async () => (await curator().get(`/api/v1/centers/360700/pool/${id}`)).status === 404);
    await eventually(async () => (await desk().get(`/api/v1/centers/360000/index/${id}`)).status === 404);
    // Opening answers 404 as soon as the hub no longer holds the story; the province's own index entry
    // goes when the takedown event reaches it, a moment later on a busy machine.
    await eventually(async () => {
      const list = await desk().get('/api/v1/centers/360000/index').expect(200);
      return !list.body.items.some((i: { storyId: string }) => i.storyId === id);
    });
    const pool = await curator().get('/api/v1/centers/360700/pool').expect(200);
    expect(pool.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const grpc = storyPoolAs('360000');
    try {
      await expect(grpc.getStory(`127.0.0.1:${net.app('360700').grpcPort}`, '360700', id)).rejects.toMatchObject({ code: status.NOT_FOUND });
    } finally {
      grpc.close();
    }
    const mine = await editor().get('/api/v1/centers/360702/stories').expect(200);
    expect(mine.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
    const withdrawn = await editor().get('/api/v1/centers/360702/stories?withdrawn=only').expect(200);
    expect(withdrawn.body.items.map((i: { id: string }) => i.id)).toContain(id);
    await editor().post(`/api/v1/centers/360702/stories/${id}/corrections`, { title: '又改了', note: '再次更正' }).expect(409);

    const receipts = await eventually(async () => {
      const r = await editor().get(`/api/v1/centers/360702/deliveries/${id}`).expect(200);
      return r.body.confirmed.length === 2 ? r.body : null;
    });
    expect(receipts.holders.every((h: { kind: string; version: number }) => h.kind === 'withdrawal' && h.version === 2)).toBe(true);

    // A late copy of the original story.pooled (version 1) cannot bring it back.
    const pooledEvent = await bus.last('syn.up.360000.360700.story.pooled');
    await bus.publish(pooledEvent!.subject, pooledEvent!.data);
    const late = makeSnapshot('360702', { id, version: 9, title: '更高版本也无效' });
    await bus.publish(
      'syn.up.360700.360702.story.submitted',
      BusInjector.envelope('story.submitted', '360702', { story: late, submittedBy: 'x', submittedAt: new Date().toISOString() }),
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect((await desk().get(`/api/v1/centers/360000/index/${id}`)).status).toBe(404);
    const queue = await curator().get('/api/v1/centers/360700/review-queue').expect(200);
    expect(queue.body.items.map((i: { storyId: string }) => i.storyId)).not.toContain(id);
  });

  it('search follows corrections and takedowns at the hub and the province', async () => {
    const id = await pooledStory({ title: '瑞金：红色旅游专线开通', body: '<p>瑞金红色旅游专线今日开通，游客可乘专线前往叶坪旧址。</p>' });
    const hubFinds = async (q: string) =>
      (
        await curator()
          .get(`/api/v1/centers/360700/pool/search?q=${encodeURIComponent(q)}`)
          .expect(200)
      ).body.items.map((i: { storyId: string }) => i.storyId);
    const provinceFinds = async (q: string) =>
      (
        await desk()
          .get(`/api/v1/centers/360000/index/search?q=${encodeURIComponent(q)}`)
          .expect(200)
      ).body.items.map((i: { storyId: string }) => i.storyId);
    await eventually(async () => (await provinceFinds('叶坪')).includes(id));
    expect(await hubFinds('叶坪')).toContain(id);

    await editor()
      .post(`/api/v1/centers/360702/stories/${id}/corrections`, {
        body: '<p>瑞金红色旅游专线今日开通，游客可乘专线前往沙洲坝旧址。</p>',
        note: '更正：专线终点为沙洲坝',
      })
      .expect(202);
    await eventually(async () => (await hubFinds('沙洲坝')).includes(id) && (await provinceFinds('沙洲坝')).includes(id));
    expect(await hubFinds('叶坪')).not.toContain(id);
    expect(await provinceFinds('叶坪')).not.toContain(id);

    await chief().post(`/api/v1/centers/360702/stories/${id}/withdrawal`, { reason: '专线尚未获批，稿件撤回' }).expect(202);
    await eventually(async () => !(await hubFinds('沙洲坝')).includes(id) && !(await provinceFinds('沙洲坝')).includes(id));
  });

  it('a takedown that arrives before its story still wins when the story comes later', async () => {
    const s = makeSnapshot('360703', { title: '先撤后到的稿件' });
    await bus.publish(
      'syn.up.360700.360703.story.withdrawn',
      BusInjector.envelope('story.withdrawn', '360703', {
        storyId: s.id,
        originCode: '360703',
        version: 2,
        reason: '撤稿测试',
        withdrawnBy: '赵主编',
        withdrawnAt: new Date().toISOString(),
      }),
    );
    await bus.publish(
      'syn.up.360700.360703.story.submitted',
      BusInjector.envelope('story.submitted', '360703', { story: s, submittedBy: '南康区编辑', submittedAt: new Date().toISOString() }),
    );
    // A marker behind them shows both were consumed.
    const marker = makeSnapshot('360703', { title: '标记稿件' });
    await bus.publish(
      'syn.up.360700.360703.story.submitted',
      BusInjector.envelope('story.submitted', '360703', { story: marker, submittedBy: '南康区编辑', submittedAt: new Date().toISOString() }),
    );
    const queue = await eventually(async () => {
      const r = await curator().get('/api/v1/centers/360700/review-queue?origin=360703');
      return r.body.items?.some((i: { storyId: string }) => i.storyId === marker.id) ? r.body : null;
    });
    expect(queue.items.map((i: { storyId: string }) => i.storyId)).not.toContain(s.id);
    await curator().post(`/api/v1/centers/360700/review-queue/${s.id}/decision`, { decision: 'accept' }).expect(404);
  });

  it('a correction that overtakes its story at the province leaves the index at the newer version', async () => {
    const v1 = makeSnapshot('360702', { title: '先更正后入库：第一版' });
    const v2 = makeSnapshot('360702', { id: v1.id, version: 2, title: '先更正后入库：第二版', createdAt: v1.createdAt });
    const now = new Date().toISOString();
    await bus.publish(
      'syn.up.360000.360700.story.corrected',
      BusInjector.envelope('story.corrected', '360700', { story: v2, note: '更正', correctedBy: '王审', correctedAt: now }),
    );
    await bus.publish(
      'syn.up.360000.360700.story.pooled',
      BusInjector.envelope('story.pooled', '360700', { story: v1, hubCode: '360700', pooledBy: '王审', pooledAt: now }),
    );
    const marker = makeSnapshot('360702', { title: '标记：省级索引' });
    await bus.publish(
      'syn.up.360000.360700.story.pooled',
      BusInjector.envelope('story.pooled', '360700', { story: marker, hubCode: '360700', pooledBy: '王审', pooledAt: now }),
    );
    await eventually(async () =>
      (await desk().get('/api/v1/centers/360000/index?city=360700')).body.items?.some((i: { storyId: string }) => i.storyId === marker.id),
    );
    const list = await desk().get('/api/v1/centers/360000/index?city=360700').expect(200);
    expect(list.body.items.find((i: { storyId: string }) => i.storyId === v1.id)).toMatchObject({
      version: 2,
      title: '先更正后入库：第二版',
      contentHash: v2.contentHash,
    });
  });

  it('an embargoed story is seen only by its origin and its hub, over REST and gRPC', async () => {
    const until = new Date(Date.now() + 3600_000).toISOString();
    const id = await pooledStory({ title: '禁发至明日的稿件', body: '<p>瑶池湾湿地公园明日开园。</p>', embargoUntil: until });
    // A story pooled right after it shows that the embargoed one had time to reach the index too.
    const later = await pooledStory({ title: '禁发稿件之后的稿件' });
    await eventually(async () => (await desk().get(`/api/v1/centers/360000/index/${later}`)).status === 200);
    expect((await desk().get('/api/v1/centers/360000/index')).body.items.map((i: { storyId: string }) => i.storyId)).not.toContain(id);
    expect((await desk().get(`/api/v1/centers/360000/index/${id}`)).status).toBe(404);
    expect((await curator().get(`/api/v1/centers/360700/pool/${id}`)).status).toBe(200);
    const address = `127.0.0.1:${net.app('360700').grpcPort}`;
    for (const [caller, visible] of [
      ['360000', false],
      ['360703', false],
      ['360702', true],
      ['360700', true],
    ] as const) {
      const c = storyPoolAs(caller);
      try {
        if (visible) {
          await expect(c.getStory(address, '360700', id)).resolves.toMatchObject({ id, embargoUntil: until });
        } else {
          await expect(c.getStory(address, '360700', id)).rejects.toMatchObject({ code: status.NOT_FOUND });
          const page = await c.listStories(address, { hubCode: '360700', limit: 200 });
          expect(page.stories.map((s: { id: string }) => s.id)).not.toContain(id);
        }
      } finally {
        c.close();
      }
    }
    // Search is a read like any other: the province and a sibling county do not find it; its hub and its origin do.
    const searchFor = '瑶池湾';
    expect(
      (
        await desk()
          .get(`/api/v1/centers/360000/index/search?q=${encodeURIComponent(searchFor)}`)
          .expect(200)
      ).body.items,
    ).toEqual([]);
    const sibling = as(net.app('360703').http, net.token('360703', 'editor'));
    expect((await sibling.get(`/api/v1/centers/360703/shared-pool/search?q=${encodeURIComponent(searchFor)}`).expect(200)).body.items).toEqual([]);
    expect(
      (
        await curator()
          .get(`/api/v1/centers/360700/pool/search?q=${encodeURIComponent(searchFor)}`)
          .expect(200)
      ).body.items.map((i: { storyId: string }) => i.storyId),
    ).toEqual([id]);
    expect(
      (
        await editor()
          .get(`/api/v1/centers/360702/shared-pool/search?q=${encodeURIComponent(searchFor)}`)
          .expect(200)
      ).body.items.map((i: { storyId: string }) => i.storyId),
    ).toEqual([id]);
  });

  it('a correction left unconfirmed raises an alert (error log + metric) and is confirmed once the hub is back', async () => {
    const id = await pooledStory({ title: '等待回执的稿件' });
    await net.app('360700').process.stop();
    try {
      await editor().post(`/api/v1/centers/360702/stories/${id}/corrections`, { summary: '补充摘要', note: '补充摘要' }).expect(202);
      await new Promise((r) => setTimeout(r, 1500));
      const admin = as(county(), net.token('360702', 'admin'));
      const due = await admin.post('/api/v1/centers/360702/deliveries/overdue-check').expect(200);
      expect(due.body.overdue).toEqual([expect.objectContaining({ storyId: id, holder: '360700', version: 2, kind: 'correction' })]);
      const pending = await editor().get('/api/v1/centers/360702/deliveries?status=pending').expect(200);
      expect(pending.body.items.map((i: { storyId: string }) => i.storyId)).toContain(id);
      await net.app('360702').process.waitForLine(/"level":"error".*receipt overdue/, 5000);
      const metrics = await fetch(`${county()}/metrics`).then((r) => r.text());
      expect(metrics).toMatch(/syn_receipt_alerts_total\{center="360702",kind="correction"\} [1-9]/);
      expect(metrics).toMatch(/syn_receipts_overdue\{center="360702"\} [1-9]/);
    } finally {
      await net.restart('360700');
    }
    await eventually(async () => (await editor().get(`/api/v1/centers/360702/deliveries/${id}`)).body.confirmed?.includes('360700'), 20_000);
  });
});
