import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { decide, submitStory } from '../support/flow';
import { as, storyInput } from '../support/http';

/**
 * The county keeps every version of a story, with who made it and when, so a desk can put two
 * side by side: the draft, each edit, the answer to a 退改 and a correction after it was pooled.
 */
describe('story versions (版本)', () => {
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

  const editor = () => as(net.app('360702').http, net.token('360702', 'editor', 'editor-360702', '县编辑'));
  const versionsOf = (id: string) => `/api/v1/centers/360702/stories/${id}/versions`;

  it('lists every version newest first with who and when, and opens each in full', async () => {
    const writer = as(net.app('360702').http, net.token('360702', 'reporter', 'reporter-1', '记者刘敏'));
    const { body: v1 } = await writer.post('/api/v1/centers/360702/stories', storyInput({ title: '第一稿' })).expect(201);
    await editor().patch(`/api/v1/centers/360702/stories/${v1.id}`, { title: '第二稿', summary: '补充摘要' }).expect(200);

    const list = await editor().get(versionsOf(v1.id)).expect(200);
    expect(list.body.items).toHaveLength(2);
    expect(list.body.items[0]).toMatchObject({ version: 2, kind: 'edited', title: '第二稿', by: { userId: 'editor-360702', name: '县编辑' } });
    expect(list.body.items[1]).toMatchObject({ version: 1, kind: 'created', title: '第一稿', by: { userId: 'reporter-1', name: '记者刘敏' } });
    expect(list.body.items[0].contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(list.body.items[0].contentHash).not.toBe(list.body.items[1].contentHash);
    expect(Date.parse(list.body.items[0].at)).toBeGreaterThanOrEqual(Date.parse(list.body.items[1].at));
    expect(list.body.items[0].content).toBeUndefined();

    const first = await editor()
      .get(`${versionsOf(v1.id)}/1`)
      .expect(200);
    expect(first.body).toMatchObject({
      storyId: v1.id,
      version: 1,
      content: { title: '第一稿', summary: null, body: v1.body, byline: v1.byline, tags: v1.tags },
    });
    const second = await editor()
      .get(`${versionsOf(v1.id)}/2`)
      .expect(200);
    expect(second.body.content).toMatchObject({ title: '第二稿', summary: '补充摘要' });
    // The current story is the newest version, hash and all.
    const current = await editor().get(`/api/v1/centers/360702/stories/${v1.id}`).expect(200);
    expect(current.body).toMatchObject({ version: 2, title: second.body.content.title, summary: second.body.content.summary });
  });

  it('a 退改 answered with a new version and a correction after pooling are versions too', async () => {
    const id = await submitStory(net, '360702', { title: '送审稿' });
    await decide(net, '360700', id, 'reject', '请补充现场细节');
    await eventually(async () => (await editor().get(`/api/v1/centers/360702/stories/${id}`)).body.status === 'rejected');
    await editor().patch(`/api/v1/centers/360702/stories/${id}`, { title: '送审稿（修改）' }).expect(200);
    const list = await editor().get(versionsOf(id)).expect(200);
    expect(list.body.items.map((v: { version: number; kind: string }) => [v.version, v.kind])).toEqual([
      [2, 'edited'],
      [1, 'created'],
    ]);

    const pooled = await submitStory(net, '360702', { title: '入库稿' });
    await decide(net, '360700', pooled, 'accept');
    await eventually(async () => (await editor().get(`/api/v1/centers/360702/stories/${pooled}`)).body.status === 'accepted');
    await editor().post(`/api/v1/centers/360702/stories/${pooled}/corrections`, { title: '入库稿（更正）', note: '更正：标题有误' }).expect(202);
    const corrected = await editor().get(versionsOf(pooled)).expect(200);
    expect(corrected.body.items[0]).toMatchObject({ version: 2, kind: 'corrected', title: '入库稿（更正）', note: '更正：标题有误' });
  });

  it('answers a wrong version or story with 404/400, and a sibling county with 403', async () => {
    const { body } = await editor().post('/api/v1/centers/360702/stories', storyInput()).expect(201);
    const missing = await editor()
      .get(`${versionsOf(body.id)}/9`)
      .expect(404);
    expect(missing.body.code).toBe('not-found');
    await editor().get(versionsOf('01890000-0000-7000-8000-000000000000')).expect(404);
    const bad = await editor()
      .get(`${versionsOf(body.id)}/latest`)
      .expect(400);
    expect(bad.body.errors[0]).toMatchObject({ field: 'version', code: 'isInt' });
    await as(net.app('360702').http, net.token('360703', 'editor')).get(versionsOf(body.id)).expect(403);
    await as(net.app('360702').http, net.token('360703', 'editor')).get(`/api/v1/centers/360703/stories/${body.id}/versions`).expect(404);
  });
});
