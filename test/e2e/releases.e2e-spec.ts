import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { poolStory } from '../support/flow';
import { as } from '../support/http';

const release = {
  title: '江西省委召开全省媒体融合发展推进会',
  body: '<p>会议强调，推进县级融媒体中心建设，打通省、市、县三级平台。</p>',
  byline: '江西省融媒体平台 记者 黄伟',
  authors: [{ name: '黄伟', role: 'reporter' }],
  category: '时政',
};

/**
 * 通稿 pushed down: the province releases a story through its city hubs to selected centers; some
 * republish, and the province sees who. A correction and then a takedown follow the release down
 * to every copy, through the delivery ledger of each hop.
 */
describe('releases (通稿) pushed downward and republished', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000'] },
        { kind: 'city', centers: ['360700', '360100'] },
        { kind: 'county', centers: ['360702', '360703', '360704', '360113'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await net?.stop();
    await nats?.stop();
  });

  const desk = () => as(net.app('360000').http, net.token('360000', 'desk-editor', 'd-zhang', '张编'));
  const editor = (code: string) => as(net.app(code).http, net.token(code, 'editor', `e-${code}`, `编辑${code}`));
  const inbox = (code: string, releaseId: string) => editor(code).get(`/api/v1/centers/${code}/release-inbox/${releaseId}`);
  const whenInbox = (code: string, releaseId: string, ok: (r: Record<string, any>) => boolean) =>
    eventually(async () => {
      const r = await inbox(code, releaseId);
      return r.status === 200 && ok(r.body) ? r.body : null;
    });

  it('reaches every target, is republished by some, and follows with its correction and takedown', async () => {
    // Three counties of 赣州, and 南昌 as a whole (it fans out to its own county).
    const issued = await desk()
      .post('/api/v1/centers/360000/releases', { story: release, note: '请于今日转载', targets: ['360702', '360703', '360704', '360100'] })
      .expect(201);
    const id = issued.body.releaseId as string;
    expect(issued.body).toMatchObject({
      revision: 1,
      status: 'active',
      statusLabel: '已下发',
      story: { title: release.title, originCode: '360000', version: 1 },
    });

    for (const code of ['360702', '360703', '360704', '360100', '360113']) {
      expect(await whenInbox(code, id, () => true)).toMatchObject({
        targeted: true,
        status: 'received',
        statusLabel: '待转载',
        note: '请于今日转载',
        issuer: { code: '360000' },
        story: { title: release.title },
      });
    }
    // 赣州's hub only relays (it is not a target).
    expect(await whenInbox('360700', id, () => true)).toMatchObject({ targeted: false });

    await editor('360702').post(`/api/v1/centers/360702/release-inbox/${id}/republish`).expect(200);
    await editor('360113').post(`/api/v1/centers/360113/release-inbox/${id}/republish`).expect(200);
    await editor('360702').post(`/api/v1/centers/360702/release-inbox/${id}/republish`).expect(409);
    await as(net.app('360700').http, net.token('360700', 'editor')).post(`/api/v1/centers/360700/release-inbox/${id}/republish`).expect(422);

    const seen = await eventually(async () => {
      const r = await desk().get(`/api/v1/centers/360000/releases/${id}`).expect(200);
      return r.body.summary.republished === 2 ? r.body : null;
    });
    const byCode = Object.fromEntries(seen.targets.map((t: { code: string }) => [t.code, t]));
    expect(byCode['360702']).toMatchObject({ republished: true, statusLabel: '已转载', republishers: [{ code: '360702', republishedBy: '编辑360702' }] });
    expect(byCode['360100']).toMatchObject({ republished: true, republishers: [{ code: '360113', name: '南昌市红谷滩区融媒体中心' }] });
    expect(byCode['360703']).toMatchObject({ republished: false, statusLabel: '未转载', republishers: [] });
    expect(byCode['360704'].republished).toBe(false);
    expect(seen.summary.republishers.sort()).toEqual(['360113', '360702']);

    // 更正: a new revision reaches every copy, through 赣州 and 南昌.
    const corrected = await desk()
      .post(`/api/v1/centers/360000/releases/${id}/corrections`, { title: '（更正）江西省委召开全省媒体融合发展推进会' })
      .expect(200);
    expect(corrected.body).toMatchObject({ revision: 2, story: { version: 2, title: '（更正）江西省委召开全省媒体融合发展推进会' } });
    for (const code of ['360702', '360703', '360704', '360100', '360113', '360700']) {
      const copy = await whenInbox(code, id, (r) => r.revision === 2);
      expect(copy.story.title).toBe('（更正）江西省委召开全省媒体融合发展推进会');
      expect(copy.story.contentHash).toBe(corrected.body.story.contentHash);
    }
    expect((await inbox('360702', id)).body.status).toBe('republished');

    // 撤稿: the takedown follows it to every copy, which loses its text; nobody can republish it any more.
    await desk().post(`/api/v1/centers/360000/releases/${id}/withdraw`, { reason: '数据有误' }).expect(200);
    for (const code of ['360702', '360703', '360704', '360100', '360113', '360700']) {
      const copy = await whenInbox(code, id, (r) => r.status === 'withdrawn');
      expect(copy).toMatchObject({ statusLabel: '已撤稿，请撤下', story: null, withdrawReason: '数据有误' });
    }
    const refused = await editor('360703').post(`/api/v1/centers/360703/release-inbox/${id}/republish`).expect(409);
    expect(refused.body.message).toContain('数据有误');
    await desk().post(`/api/v1/centers/360000/releases/${id}/corrections`, { title: '再改' }).expect(409);
    await desk().post(`/api/v1/centers/360000/releases/${id}/withdraw`, { reason: '再撤' }).expect(409);
  }, 60_000);

  it('a city releases a story from its pool to one county; only that county receives it', async () => {
    const storyId = await poolStory(net, '360702', '360700', { title: '章贡区：值得全市转载的好稿' });
    const city = as(net.app('360700').http, net.token('360700', 'curator', 'c-li', '李编'));
    const issued = await city.post('/api/v1/centers/360700/releases', { storyId, targets: ['360703'] }).expect(201);
    expect(issued.body.story).toMatchObject({ id: storyId, originCode: '360702', title: '章贡区：值得全市转载的好稿' });
    await whenInbox('360703', issued.body.releaseId, () => true);
    await editor('360703').post(`/api/v1/centers/360703/release-inbox/${issued.body.releaseId}/republish`).expect(200);
    await eventually(async () => (await city.get(`/api/v1/centers/360700/releases/${issued.body.releaseId}`)).body.summary?.republished === 1);
    expect((await inbox('360704', issued.body.releaseId)).status).toBe(404);

    await city.post('/api/v1/centers/360700/releases', { storyId, targets: ['360113'] }).expect(400);
    await city.post('/api/v1/centers/360700/releases', { storyId: '0190f0e0-0000-7000-8000-000000000000' }).expect(404);
    const both = await city.post('/api/v1/centers/360700/releases', { storyId, story: release }).expect(400);
    expect(both.body.fields).toContain('storyId');
  });

  it('a release under embargo (禁发) cannot be read or republished in the inbox before it passes', async () => {
    const until = new Date(Date.now() + 6000);
    const issued = await desk()
      .post('/api/v1/centers/360000/releases', { story: { ...release, title: '禁发通稿：零点发布', embargoUntil: until.toISOString() }, targets: ['360702'] })
      .expect(201);
    const id = issued.body.releaseId as string;
    const held = await whenInbox('360702', id, () => true);
    expect(held).toMatchObject({ title: null, story: null, embargoedUntil: until.toISOString(), status: 'received' });
    const listed = (await editor('360702').get('/api/v1/centers/360702/release-inbox').expect(200)).body.items.find(
      (r: { releaseId: string }) => r.releaseId === id,
    );
    expect(listed).toMatchObject({ title: null, story: null });
    const early = await editor('360702').post(`/api/v1/centers/360702/release-inbox/${id}/republish`).expect(422);
    expect(early.body.message).toContain(until.toISOString());

    const open = await whenInbox('360702', id, (r) => r.embargoedUntil === null);
    expect(open).toMatchObject({ title: '禁发通稿：零点发布', story: { title: '禁发通稿：零点发布' } });
    await editor('360702').post(`/api/v1/centers/360702/release-inbox/${id}/republish`).expect(200);
  });
});
