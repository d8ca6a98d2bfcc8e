import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { indexed, poolStory, submitStory } from '../support/flow';
import { as } from '../support/http';

/**
 * 选用 and 采用反馈: the provincial desk adopts a pooled county story for several channels; the
 * feedback travels province → city hub (which records it) → county, where the editor sees it on
 * the story, with the points (积分) the province's weights gave it. A city desk adopts from its own
 * pool the same way, without points: it keeps no weights.
 */
describe('province adoption (选用) and adoption feedback (采用反馈)', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000'] },
        { kind: 'city', centers: ['360700'] },
        { kind: 'county', centers: ['360702', '360703'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await net?.stop();
    await nats?.stop();
  });

  const desk = () => as(net.app('360000').http, net.token('360000', 'desk-editor', 'd-zhang', '张编'));
  const county = (code: string) => as(net.app(code).http, net.token(code, 'editor'));

  it('adopts one story for several channels, and the feedback reaches the city hub and the origin county', async () => {
    const id = await poolStory(net, '360702', '360700', { title: '章贡区：脐橙丰收' });
    await indexed(net, '360000', id);

    const adopted = await desk()
      .post('/api/v1/centers/360000/adoptions', { storyId: id, channels: ['省台', '学习强国'] })
      .expect(201);
    expect(adopted.body.items).toHaveLength(2);
    expect(adopted.body.items.map((a: { channel: string }) => a.channel)).toEqual(['省台', '学习强国']);
    expect(adopted.body.items[0]).toMatchObject({
      storyId: id,
      storyTitle: '章贡区：脐橙丰收',
      origin: { code: '360702' },
      hub: { code: '360700', name: '赣州市融媒体中心' },
      adoptedBy: '张编',
    });

    // The city hub on the way records what the province took from its pool.
    const curator = as(net.app('360700').http, net.token('360700', 'curator'));
    const atCity = await eventually(async () => {
      const r = await curator.get('/api/v1/centers/360700/adoption-feedback').expect(200);
      return r.body.items.filter((f: { storyId: string }) => f.storyId === id).length === 2 ? r.body.items : null;
    });
    expect(atCity.map((f: { channel: string }) => f.channel).sort()).toEqual(['学习强国', '省台']);
    expect(atCity[0]).toMatchObject({ adopter: { code: '360000', name: '江西省融媒体平台' }, origin: { code: '360702' }, points: 3 });

    // The county editor sees who adopted it, for which channel, and when.
    const story = await eventually(async () => {
      const r = await county('360702').get(`/api/v1/centers/360702/stories/${id}`).expect(200);
      return r.body.adoptions?.length === 2 ? r.body : null;
    });
    const byChannel = Object.fromEntries(story.adoptions.map((a: { channel: string }) => [a.channel, a]));
    expect(byChannel['省台']).toMatchObject({
      adopter: { code: '360000', name: '江西省融媒体平台' },
      adoptedBy: '张编',
      label: '江西省融媒体平台 选用于「省台」',
      // No weights set yet: the province's defaults, 3 for a provincial adoption.
      points: 3,
    });
    expect(byChannel['学习强国'].adoptedAt).toBe(adopted.body.items[1].adoptedAt);
    const listed = await county('360702').get('/api/v1/centers/360702/adoption-feedback').expect(200);
    const ours = listed.body.items.filter((f: { storyId: string }) => f.storyId === id);
    expect(ours.map((f: { points: number | null }) => f.points)).toEqual([3, 3]);
    expect(story.status).toBe('accepted');
  });

  it('refuses a second adoption for the same channel, bad channels and stories out of reach', async () => {
    const id = await poolStory(net, '360703', '360700', { title: '南康区：家具产业' });
    await indexed(net, '360000', id);
    await desk()
      .post('/api/v1/centers/360000/adoptions', { storyId: id, channels: ['客户端'] })
      .expect(201);
    const again = await desk()
      .post('/api/v1/centers/360000/adoptions', { storyId: id, channels: ['省台', '客户端'] })
      .expect(409);
    expect(again.body.message).toContain('客户端');

    const empty = await desk().post('/api/v1/centers/360000/adoptions', { storyId: id, channels: [] }).expect(400);
    expect(empty.body.fields).toContain('channels');
    await desk()
      .post('/api/v1/centers/360000/adoptions', { storyId: 'nope', channels: ['省台'] })
      .expect(400);
    await desk()
      .post('/api/v1/centers/360000/adoptions', { storyId: '0190f0e0-0000-7000-8000-000000000000', channels: ['省台'] })
      .expect(404);
    // A county desk may not adopt; a reporter may not either.
    await as(net.app('360000').http, net.token('360000', 'reporter'))
      .post('/api/v1/centers/360000/adoptions', { storyId: id, channels: ['省台'] })
      .expect(403);

    const listed = await desk().get(`/api/v1/centers/360000/adoptions?storyId=${id}`).expect(200);
    expect(listed.body.items.map((a: { channel: string }) => a.channel)).toEqual(['客户端']);
  });

  it('a city desk adopts from its own pool; the county sees city and province adoptions together', async () => {
    const id = await poolStory(net, '360702', '360700', { title: '章贡区：城市更新' });
    await indexed(net, '360000', id);
    const cityDesk = as(net.app('360700').http, net.token('360700', 'curator', 'c-li', '李编'));
    await cityDesk.post('/api/v1/centers/360700/adoptions', { storyId: id, channels: ['市台'] }).expect(201);
    // The province's own weights, once an admin sets them, weigh its next adoptions.
    await as(net.app('360000').http, net.token('360000', 'admin'))
      .put('/api/v1/centers/360000/statistics/weights', { province: 5, city: 2, republish: 1 })
      .expect(200);
    await desk()
      .post('/api/v1/centers/360000/adoptions', { storyId: id, channels: ['省台'] })
      .expect(201);
    const story = await eventually(async () => {
      const r = await county('360702').get(`/api/v1/centers/360702/stories/${id}`).expect(200);
      return r.body.adoptions?.length === 2 ? r.body : null;
    });
    expect(story.adoptions.map((a: { label: string }) => a.label).sort()).toEqual(
      ['江西省融媒体平台 选用于「省台」', '赣州市融媒体中心 选用于「市台」'].sort(),
    );
    const pointsBy = Object.fromEntries(story.adoptions.map((a: { adopter: { code: string }; points: number | null }) => [a.adopter.code, a.points]));
    expect(pointsBy).toEqual({ '360000': 5, '360700': null });
    // A city desk adopts only from its own pool: a story still waiting in review is out of reach.
    const pending = await submitStory(net, '360703', { title: '南康区：待审稿件' });
    await eventually(async () =>
      (await cityDesk.get('/api/v1/centers/360700/review-queue')).body.items?.some((i: { storyId: string }) => i.storyId === pending),
    );
    await cityDesk.post('/api/v1/centers/360700/adoptions', { storyId: pending, channels: ['市台'] }).expect(404);
  });
});
