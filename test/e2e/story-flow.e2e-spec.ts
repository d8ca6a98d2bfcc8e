import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { submitThroughReview } from '../support/county-review';
import { as, storyInput } from '../support/http';

/**
 * The first whole flow, across three separately running apps on real PostgreSQL, JetStream and
 * gRPC: a county writes and submits, the city hub accepts or rejects, the province finds the story
 * in its index and opens it from the hub's pool.
 */
describe('story flow: county → city pool → provincial index', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000', '460000'] },
        { kind: 'city', centers: ['360700'] },
        { kind: 'city', centers: ['360100'] },
        { kind: 'county', centers: ['360702', '360703', '360113', '469023'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await net?.stop();
    await nats?.stop();
  });

  const county = () => net.app('360702').http;
  const city = () => net.app('360700').http;
  const province = () => net.app('360000').http;

  it('a county story is written, edited, submitted, accepted, and shows at the province with its full body', async () => {
    const editor = as(county(), net.token('360702', 'editor', 'u-liu', '刘敏'));
    const created = await editor.post('/api/v1/centers/360702/stories', storyInput()).expect(201);
    expect(created.body).toMatchObject({ version: 1, status: 'draft', statusLabel: '草稿', regionCode: '360702' });
    const id = created.body.id as string;

    const edited = await editor.patch(`/api/v1/centers/360702/stories/${id}`, { title: '章贡区：大稿库让县级好稿走得更远' }).expect(200);
    expect(edited.body.version).toBe(2);

    const submitted = await submitThroughReview(net, '360702', id);
    expect(submitted.body).toMatchObject({ id, version: 2, status: 'submitted', submittedTo: '360700' });

    const curator = as(city(), net.token('360700', 'curator', 'c-wang', '王审'));
    const queued = await eventually(async () => {
      const r = await curator.get('/api/v1/centers/360700/review-queue').expect(200);
      return r.body.items.find((i: { storyId: string }) => i.storyId === id);
    });
    expect(queued).toMatchObject({
      version: 2,
      status: 'pending',
      originCode: '360702',
      originName: '章贡区融媒体中心',
      title: '章贡区：大稿库让县级好稿走得更远',
    });

    await curator.post(`/api/v1/centers/360700/review-queue/${id}/decision`, { decision: 'accept' }).expect(200);

    const seen = await eventually(async () => {
      const r = await editor.get(`/api/v1/centers/360702/stories/${id}`).expect(200);
      return r.body.status === 'accepted' ? r.body : null;
    });
    expect(seen).toMatchObject({ statusLabel: '已入库', decidedBy: '王审@360700' });

    const desk = as(province(), net.token('360000', 'desk-editor'));
    const indexed = await eventually(async () => {
      const r = await desk.get('/api/v1/centers/360000/index?city=360700&county=360702&category=时政').expect(200);
      return r.body.items.find((i: { storyId: string }) => i.storyId === id);
    });
    expect(indexed).toMatchObject({ version: 2, city: { code: '360700', name: '赣州市融媒体中心' }, origin: { code: '360702' } });

    const opened = await desk.get(`/api/v1/centers/360000/index/${id}`).expect(200);
    expect(opened.body).toMatchObject({ id, hubCode: '360700', version: 2, body: storyInput().body, byline: '记者 刘敏 通讯员 陈晓' });
    expect(opened.body.contentHash).toBe(seen.contentHash);
  });

  it('every app runs with the capped heap and reports its memory on /metrics', async () => {
    for (const base of [county(), city(), province()]) {
      const text = await fetch(`${base}/metrics`).then((r) => r.text());
      const value = (name: string) => Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1]);
      expect(value('syn_process_resident_memory_bytes')).toBeGreaterThan(10 * 2 ** 20);
      expect(value('syn_process_heap_used_bytes')).toBeGreaterThan(0);
      // 160 MB of old generation plus a small young generation (APP_NODE_ARGS), not V8's default of ~2 GB.
      expect(value('syn_process_heap_limit_bytes')).toBeLessThan(200 * 2 ** 20);
    }
  });

  it('a rejection carries its reason back to the county', async () => {
    const editor = as(county(), net.token('360703', 'editor'));
    const { body } = await editor.post('/api/v1/centers/360703/stories', storyInput({ title: '南康区家具产业新闻' })).expect(201);
    await submitThroughReview(net, '360703', body.id);
    const curator = as(city(), net.token('360700', 'curator'));
    await eventually(async () => (await curator.get('/api/v1/centers/360700/review-queue?origin=360703')).body.items?.length > 0);
    await curator.post(`/api/v1/centers/360700/review-queue/${body.id}/decision`, { decision: 'reject' }).expect(400);
    await curator.post(`/api/v1/centers/360700/review-queue/${body.id}/decision`, { decision: 'reject', reason: '与本市已入库稿件重复' }).expect(200);
    await curator.post(`/api/v1/centers/360700/review-queue/${body.id}/decision`, { decision: 'accept' }).expect(409);
    const story = await eventually(async () => {
      const r = await editor.get(`/api/v1/centers/360703/stories/${body.id}`);
      return r.body.status === 'rejected' ? r.body : null;
    });
    expect(story).toMatchObject({ statusLabel: '已退稿', decisionReason: '与本市已入库稿件重复' });
    // A rejected story can be reworked and sent again as a new version.
    await editor.patch(`/api/v1/centers/360703/stories/${body.id}`, { body: '<p>补充了独家采访内容。</p>' }).expect(200);
    const again = await submitThroughReview(net, '360703', body.id);
    expect(again.body).toMatchObject({ version: 2, status: 'submitted' });
  });

  it('newest-first listing pages with a cursor, and filters by city and county', async () => {
    const nanchang = as(county(), net.token('360113', 'editor'));
    const curator = as(net.app('360100').http, net.token('360100', 'curator'));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { body } = await nanchang.post('/api/v1/centers/360113/stories', storyInput({ title: `红谷滩区新闻 第${i + 1}篇`, category: '经济' })).expect(201);
      await submitThroughReview(net, '360113', body.id);
      ids.push(body.id);
    }
    await eventually(async () => (await curator.get('/api/v1/centers/360100/review-queue')).body.items?.length === 3);
    for (const id of ids) await curator.post(`/api/v1/centers/360100/review-queue/${id}/decision`, { decision: 'accept' }).expect(200);

    const desk = as(province(), net.token('360000', 'desk-editor'));
    await eventually(async () => (await desk.get('/api/v1/centers/360000/index?city=360100')).body.items?.length === 3);
    const first = await desk.get('/api/v1/centers/360000/index?city=360100&limit=2').expect(200);
    expect(first.body.items.map((i: { storyId: string }) => i.storyId)).toEqual([ids[2], ids[1]]);
    const second = await desk.get(`/api/v1/centers/360000/index?city=360100&limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items.map((i: { storyId: string }) => i.storyId)).toEqual([ids[0]]);
    expect(second.body.nextCursor).toBeNull();
    const none = await desk.get('/api/v1/centers/360000/index?county=360113&category=体育').expect(200);
    expect(none.body.items).toEqual([]);
  });

  it('a city’s own story and a county directly under its province go to the province’s own pool', async () => {
    const cityEditor = as(city(), net.token('360700', 'editor'));
    const own = await cityEditor
      .post('/api/v1/centers/360700/stories', storyInput({ title: '为革命老区媒体深度融合发展探路', regionCode: '360700' }))
      .expect(201);
    await submitThroughReview(net, '360700', own.body.id);

    const chengmai = as(county(), net.token('469023', 'editor'));
    const cm = await chengmai.post('/api/v1/centers/469023/stories', storyInput({ title: '释放县级融媒体中心动能' })).expect(201);
    await submitThroughReview(net, '469023', cm.body.id);

    const jx = as(province(), net.token('360000', 'desk-editor'));
    await eventually(async () => (await jx.get('/api/v1/centers/360000/review-queue')).body.items?.some((i: { storyId: string }) => i.storyId === own.body.id));
    await jx.post(`/api/v1/centers/360000/review-queue/${own.body.id}/decision`, { decision: 'accept' }).expect(200);
    const listed = await jx.get('/api/v1/centers/360000/index?city=360000').expect(200);
    expect(listed.body.items.map((i: { storyId: string }) => i.storyId)).toContain(own.body.id);
    const opened = await jx.get(`/api/v1/centers/360000/index/${own.body.id}`).expect(200);
    expect(opened.body).toMatchObject({ hubCode: '360000', originCode: '360700' });
    await eventually(async () => (await cityEditor.get(`/api/v1/centers/360700/stories/${own.body.id}`)).body.status === 'accepted');

    const hn = as(province(), net.token('460000', 'desk-editor'));
    await eventually(async () => (await hn.get('/api/v1/centers/460000/review-queue')).body.items?.length === 1);
    await hn.post(`/api/v1/centers/460000/review-queue/${cm.body.id}/decision`, { decision: 'accept' }).expect(200);
    await eventually(async () => (await chengmai.get(`/api/v1/centers/469023/stories/${cm.body.id}`)).body.status === 'accepted');
    // 江西's desk does not see 海南's pool.
    const jxIndex = await jx.get('/api/v1/centers/360000/index').expect(200);
    expect(jxIndex.body.items.map((i: { storyId: string }) => i.storyId)).not.toContain(cm.body.id);
  });
});
