import { Client } from 'pg';
import { STORY_RECOMMENDED } from '@syn/contracts';
import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { publishEvent } from '../support/bus';
import { poolStory } from '../support/flow';
import { as } from '../support/http';
import { SseClient } from '../support/sse';

/**
 * The provincial desk watches every city pool live: a story accepted in a city hub reaches a
 * watching browser over Server-Sent Events without a refresh, and a city's 推荐 marks it.
 */
describe('province live feed (实时稿件流)', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;
  const watchers: SseClient[] = [];

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000'], env: { EMBARGO_LIFT_CHECK_MS: '300' } },
        { kind: 'city', centers: ['360700', '360100'] },
        { kind: 'county', centers: ['360702', '360113'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    for (const w of watchers) w.close();
    await net?.stop();
    await nats?.stop();
  });

  const feedUrl = `/api/v1/centers/360000/live-feed`;
  /** The desk token travels only in the Authorization header, as on every other route. */
  const watch = async (token?: string, query = '') => {
    const w = await SseClient.open(`${net.app('360000').http}${feedUrl}${query}`, token ? { authorization: `Bearer ${token}` } : {});
    watchers.push(w);
    return w;
  };

  it('refuses to stream without a valid desk token of this province in the Authorization header', async () => {
    expect((await watch()).status).toBe(401);
    expect((await watch('not-a-token')).status).toBe(401);
    expect((await watch(net.token('360700', 'desk-editor'))).status).toBe(403);
    expect((await watch(net.token('360000', 'reporter'))).status).toBe(403);
    // A token in the URL is never accepted: alone it is no token, beside a good header it is refused.
    const inUrl = `?access_token=${encodeURIComponent(net.token('360000', 'desk-editor'))}`;
    expect((await watch(undefined, inUrl)).status).toBe(401);
    const both = await watch(net.token('360000', 'desk-editor'), inUrl);
    expect(both.status).toBe(400);
    expect(both.body).toMatchObject({ code: 'token-in-url' });
  });

  it('stops a desk account that was disabled, as the guard does everywhere else', async () => {
    const admin = as(net.app('360000').http, net.token('360000', 'admin'));
    const made = await admin
      .post('/api/v1/centers/360000/users', { username: 'feed-watcher', displayName: '值班编辑', role: 'desk-editor', password: 'feed-watcher-Passw0rd' })
      .expect(201);
    const login = await as(net.app('360000').http)
      .post('/api/v1/auth/login', { center: '360000', username: 'feed-watcher', password: 'feed-watcher-Passw0rd' })
      .expect(200);
    const allowed = await watch(login.body.accessToken);
    expect(allowed.status).toBe(200);
    allowed.close();
    await admin.patch(`/api/v1/centers/360000/users/${made.body.id}`, { disabled: true }).expect(200);
    expect((await watch(login.body.accessToken)).status).toBe(401);
  });

  it('delivers a story pooled in a city hub to a watching desk, live', async () => {
    const desk = await watch(net.token('360000', 'desk-editor'));
    const chief = await watch(net.token('360000', 'chief-editor'));
    expect(desk.status).toBe(200);
    expect(chief.status).toBe(200);
    await desk.next((e) => e.event === 'ready');
    await chief.next((e) => e.event === 'ready');

    const id = await poolStory(net, '360702', '360700', { title: '章贡区：实时入库的好稿' });
    for (const w of [desk, chief]) {
      const e = await w.next((x) => x.event === 'index.pooled' && JSON.parse(x.data).storyId === id);
      expect(Number(e.id)).toBeGreaterThan(0);
      expect(JSON.parse(e.data)).toMatchObject({
        storyId: id,
        version: 1,
        title: '章贡区：实时入库的好稿',
        city: { code: '360700', name: '赣州市融媒体中心' },
        origin: { code: '360702', name: '章贡区融媒体中心' },
        category: '时政',
      });
    }

    // Another city's pool lands on the same feed.
    const nc = await poolStory(net, '360113', '360100', { title: '红谷滩区新闻' });
    const e = await desk.next((x) => x.event === 'index.pooled' && JSON.parse(x.data).storyId === nc);
    expect(JSON.parse(e.data).city).toEqual({ code: '360100', name: '南昌市融媒体中心' });
  });

  it('marks a story its city recommended (推荐), in the index and on the feed; a forged recommendation is parked', async () => {
    const desk = as(net.app('360000').http, net.token('360000', 'desk-editor'));
    const w = await watch(net.token('360000', 'desk-editor'));
    await w.next((e) => e.event === 'ready');
    const id = await poolStory(net, '360702', '360700', { title: '赣州：推荐给省台的稿件' });
    await eventually(async () => (await desk.get('/api/v1/centers/360000/index?city=360700')).body.items?.some((i: { storyId: string }) => i.storyId === id));
    const before = await desk.get('/api/v1/centers/360000/index?recommended=true').expect(200);
    expect(before.body.items.map((i: { storyId: string }) => i.storyId)).not.toContain(id);

    const recommendedAt = new Date().toISOString();
    await publishEvent(nats.url, {
      type: STORY_RECOMMENDED,
      parent: '360000',
      child: '360700',
      payload: { storyId: id, hubCode: '360700', note: '独家现场，建议省台采用', recommendedBy: '王审', recommendedAt },
    });
    const live = await w.next((e) => e.event === 'index.recommended' && JSON.parse(e.data).storyId === id);
    expect(JSON.parse(live.data)).toMatchObject({ note: '独家现场，建议省台采用', by: '王审', city: { code: '360700' } });

    const marked = await desk.get('/api/v1/centers/360000/index?recommended=true').expect(200);
    expect(marked.body.items).toHaveLength(1);
    expect(marked.body.items[0]).toMatchObject({
      storyId: id,
      recommended: true,
      recommendation: { label: '赣州市融媒体中心 推荐', note: '独家现场，建议省台采用', recommendedBy: '王审', recommendedAt },
    });
    const others = await desk.get('/api/v1/centers/360000/index?recommended=false').expect(200);
    expect(others.body.items.map((i: { storyId: string }) => i.storyId)).not.toContain(id);
    await desk.get('/api/v1/centers/360000/index?recommended=yes').expect(400);

    // 南昌 may not recommend a story that 赣州 pools.
    await publishEvent(nats.url, {
      type: STORY_RECOMMENDED,
      parent: '360000',
      child: '360100',
      payload: { storyId: id, hubCode: '360100', recommendedBy: '冒名', recommendedAt: new Date().toISOString() },
    });
    const admin = as(net.app('360000').http, net.token('360000', 'admin'));
    const parked = await eventually(async () =>
      (await admin.get('/api/v1/centers/360000/dead-letters')).body.items?.find((d: { eventType: string }) => d.eventType === STORY_RECOMMENDED),
    );
    expect(parked.reason).toContain('pooled by 360700');
  });

  it('announces an embargo lifting (index.embargo-lifted, with the withheld text), also when the province was down at that moment', async () => {
    const token = net.token('360000', 'desk-editor');
    const feed = await watch(token);
    const until = new Date(Date.now() + 8000);
    const id = await poolStory(net, '360702', '360700', { title: '禁发稿：零点后可见', embargoUntil: until.toISOString() });
    const pooled = await feed.next((e) => e.event === 'index.pooled' && JSON.parse(e.data).storyId === id);
    expect(JSON.parse(pooled.data)).toMatchObject({ storyId: id, embargoedUntil: until.toISOString() });
    expect(JSON.parse(pooled.data).title).toBeUndefined();
    feed.close();

    // The province is down when the embargo passes; it announces the lift when it is back.
    await net.app('360000').process.stop();
    await new Promise((r) => setTimeout(r, Math.max(0, until.getTime() - Date.now()) + 500));
    await net.restart('360000');
    const replay = await SseClient.open(`${net.app('360000').http}${feedUrl}`, { authorization: `Bearer ${token}`, 'last-event-id': pooled.id! });
    watchers.push(replay);
    const lifted = await replay.next((e) => e.event === 'index.embargo-lifted' && JSON.parse(e.data).storyId === id);
    expect(JSON.parse(lifted.data)).toMatchObject({ storyId: id, title: '禁发稿：零点后可见', embargoUntil: until.toISOString(), origin: { code: '360702' } });
    // Announced once, however often the check runs.
    await new Promise((r) => setTimeout(r, 1000));
    const c = new Client({ connectionString: net.app('360000').database.url });
    await c.connect();
    try {
      const rows = (await c.query(`SELECT count(*)::int AS n FROM live_feed_journal WHERE event = 'index.embargo-lifted' AND story_id = $1`, [id])).rows;
      expect(rows).toEqual([{ n: 1 }]);
    } finally {
      await c.end();
    }
  });
});
