import type { Role } from '@syn/auth';
import { Client } from 'pg';
import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { decide, submitStory } from '../support/flow';
import { as, storyInput } from '../support/http';
import { SseClient, SseEvent } from '../support/sse';

/**
 * Every desk watches its own center live: the hub its review queue and pool, the county its own
 * stories, the province the index (without the text of embargoed stories). A desk that reconnects
 * with Last-Event-ID gets what it missed, in order, and nothing twice.
 */
describe('live feed at every level, with replay (实时动态)', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;
  const streams: SseClient[] = [];

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000'] },
        { kind: 'city', centers: ['360700'] },
        { kind: 'county', centers: ['360702'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    for (const s of streams) s.close();
    await net?.stop();
    await nats?.stop();
  });

  const watch = async (center: string, role: Role, headers: Record<string, string> = {}, query = '') => {
    const s = await SseClient.open(`${net.app(center).http}/api/v1/centers/${center}/live-feed${query}`, {
      authorization: `Bearer ${net.token(center, role)}`,
      ...headers,
    });
    streams.push(s);
    return s;
  };
  const data = (e: SseEvent) => JSON.parse(e.data) as Record<string, unknown>;
  const about = (event: string, storyId: string) => (e: SseEvent) => e.event === event && data(e).storyId === storyId;
  const curator = () => as(net.app('360700').http, net.token('360700', 'curator', 'curator-360700', '王审'));

  it('the hub desk sees a submission arrive, get claimed and decided, and land in the pool', async () => {
    const feed = await watch('360700', 'curator');
    expect(feed.status).toBe(200);
    const ready = await feed.next((e) => e.event === 'ready');
    expect(ready.id).toMatch(/^\d+$/);

    const id = await submitStory(net, '360702', { title: '章贡区：实时送审的稿件' });
    const queued = await feed.next(about('queue.queued', id));
    expect(data(queued)).toMatchObject({
      storyId: id,
      version: 1,
      title: '章贡区：实时送审的稿件',
      status: 'pending',
      origin: { code: '360702', name: '章贡区融媒体中心' },
    });

    await curator()
      .post(`/api/v1/centers/360700/review-queue/${id}/claim`)
      .expect((r) => expect(r.status).toBeLessThan(300));
    const claimed = data(await feed.next(about('queue.claimed', id)));
    expect(claimed).toMatchObject({ claimedBy: 'curator-360700', claimedByName: '王审' });
    expect(Date.parse(claimed.expiresAt as string)).toBeGreaterThan(Date.now());
    // The desk opens the story the event names: the queue entry with its claim holder and expiry.
    const opened = await curator().get(`/api/v1/centers/360700/review-queue/${id}`).expect(200);
    expect(opened.body).toMatchObject({
      storyId: id,
      status: 'pending',
      title: '章贡区：实时送审的稿件',
      claim: { claimedBy: 'curator-360700', claimedByName: '王审', expiresAt: claimed.expiresAt },
    });
    expect((await curator().get('/api/v1/centers/360700/review-queue/01890000-0000-7000-8000-000000000000').expect(404)).body.code).toBe('not-found');

    await curator().post(`/api/v1/centers/360700/review-queue/${id}/decision`, { decision: 'accept' }).expect(200);
    expect(data(await feed.next(about('queue.decided', id)))).toMatchObject({ decision: 'accepted', decidedBy: expect.any(String) });
    expect(data(await feed.next(about('pool.pooled', id)))).toMatchObject({ title: '章贡区：实时送审的稿件', city: { code: '360700' } });

    const ids = feed.events.filter((e) => e.event !== 'ready').map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a desk that reconnects with Last-Event-ID gets what it missed, then live events, nothing twice', async () => {
    const first = await watch('360700', 'curator');
    await first.next((e) => e.event === 'ready');
    const a = await submitStory(net, '360702', { title: '断线前的稿件' });
    const seen = await first.next(about('queue.queued', a));
    first.close();

    // While the desk is away: another story arrives and the first is decided.
    const b = await submitStory(net, '360702', { title: '断线期间的稿件' });
    await decide(net, '360700', a, 'reject', '与已入库稿件重复');
    await eventually(async () =>
      (await curator().get('/api/v1/centers/360700/review-queue?limit=200')).body.items?.some((i: { storyId: string }) => i.storyId === b),
    );

    const again = await watch('360700', 'curator', { 'last-event-id': seen.id! });
    expect(data(await again.next((e) => e.event === 'ready'))).toMatchObject({ after: Number(seen.id), replay: true });
    await again.next(about('queue.queued', b));
    expect(data(await again.next(about('queue.decided', a)))).toMatchObject({ decision: 'rejected', reason: '与已入库稿件重复' });
    // Then live again.
    const c = await submitStory(net, '360702', { title: '重连之后的稿件' });
    await again.next(about('queue.queued', c));

    const replayed = again.events.filter((e) => e.event !== 'ready');
    const ids = replayed.map((e) => Number(e.id));
    expect(Math.min(...ids)).toBeGreaterThan(Number(seen.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    expect(replayed.some(about('queue.queued', a))).toBe(false);

    const bad = await watch('360700', 'curator', { 'last-event-id': 'yesterday' });
    expect(bad.status).toBe(400);
  });

  it('a replay whose ids cross into one more digit comes in numeric order, none skipped', async () => {
    // Regression: the batch was once sorted as text, so 100–105 came before 96–99 and moved the cursor past them.
    const hub = new Client({ connectionString: net.app('360700').database.url });
    await hub.connect();
    try {
      const [{ last }] = (await hub.query(`SELECT last_value::int AS last FROM live_feed_seq`)).rows as Array<{ last: number }>;
      const boundary = 10 ** String(last + 10).length;
      await hub.query(`SELECT setval('live_feed_seq', $1)`, [boundary - 5]);
      const marker = `digits-${boundary}`;
      await hub.query(
        `INSERT INTO live_feed_journal (center_code, event, story_id, data)
         SELECT '360700', 'queue.queued', gen_random_uuid(), jsonb_build_object('title', $1::text, 'n', g) FROM generate_series(1, 10) g`,
        [marker],
      );
      const feed = await watch('360700', 'curator', { 'last-event-id': String(boundary - 5) });
      await feed.next((e) => e.event === 'queue.queued' && data(e).title === marker && data(e).n === 10);
      const ids = feed.events.filter((e) => e.event === 'queue.queued' && data(e).title === marker).map((e) => Number(e.id));
      expect(ids).toEqual(Array.from({ length: 10 }, (_, i) => boundary - 4 + i));
    } finally {
      await hub.end();
    }
  });

  it('the county desk sees its stories decided, with the reason', async () => {
    const feed = await watch('360702', 'editor');
    await feed.next((e) => e.event === 'ready');
    const id = await submitStory(net, '360702', { title: '等待市里处理的稿件' });
    await decide(net, '360700', id, 'reject', '请补充采访对象');
    const status = await feed.next((e) => about('story.status', id)(e) && data(e).status === 'rejected');
    expect(data(status)).toMatchObject({ storyId: id, status: 'rejected', previousStatus: 'submitted', reason: '请补充采访对象', submittedTo: '360700' });
    // Each center watches only itself, with the header token only.
    expect((await watch('360702', 'editor', {}, `?access_token=x`)).status).toBe(400);
    const other = await SseClient.open(
      `${net.app('360702').http}/api/v1/centers/360702/live-feed?access_token=${encodeURIComponent(net.token('360702', 'editor'))}`,
    );
    streams.push(other);
    expect(other.status).toBe(401);
  });

  it('the county desk sees each 三审 step signed by another person, and the 终审 that sends it up', async () => {
    const feed = await watch('360702', 'editor');
    await feed.next((e) => e.event === 'ready');
    const county = net.app('360702').http;
    const { body } = await as(county, net.token('360702', 'editor', 'writer-360702', '写稿编辑'))
      .post('/api/v1/centers/360702/stories', storyInput({ title: '三审实时可见的稿件' }))
      .expect(201);
    const id = body.id as string;
    const signers: Array<[step: string, role: Role, user: string]> = [
      ['first', 'editor', 'first-360702'],
      ['second', 'editor', 'second-360702'],
      ['final', 'chief-editor', 'chief-360702'],
    ];
    for (const [step, role, user] of signers) {
      await as(county, net.token('360702', role, user, user))
        .post(`/api/v1/centers/360702/stories/${id}/review/advance`, { step })
        .expect(200);
      const signed = await feed.next((e) => about('story.status', id)(e) && data(e).reviewStage === step);
      expect(data(signed)).toMatchObject({ storyId: id, reviewStage: step, holderName: user });
    }
    expect(data(feed.events.filter(about('story.status', id)).at(-1)!)).toMatchObject({
      status: 'submitted',
      previousStatus: 'draft',
      submittedTo: '360700',
    });
  });

  it('the province sees an embargoed story arrive without its text until the embargo passes', async () => {
    const feed = await watch('360000', 'desk-editor');
    await feed.next((e) => e.event === 'ready');
    const embargoUntil = new Date(Date.now() + 3600_000).toISOString();
    const id = await submitStory(net, '360702', { title: '禁发稿：明早九点发布', embargoUntil });
    await decide(net, '360700', id, 'accept');
    const e = data(await feed.next(about('index.pooled', id)));
    expect(e).toMatchObject({ storyId: id, embargoedUntil: embargoUntil, city: { code: '360700' } });
    expect(e.title).toBeUndefined();
    expect(e.summary).toBeUndefined();
    expect(JSON.stringify(e)).not.toContain('禁发稿');
  });
});
