import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { submitThroughReview } from '../support/county-review';
import { decide, indexed } from '../support/flow';
import { as, storyInput } from '../support/http';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * 选题 issued downward: the province aims a topic at three counties through their city hub; two
 * answer (one of them after the deadline), the third is shown as missing. A city issues its own.
 */
describe('topics (选题) issued downward and answered', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000'] },
        { kind: 'city', centers: ['360700'] },
        { kind: 'county', centers: ['360702', '360703', '360704'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await net?.stop();
    await nats?.stop();
  });

  const desk = () => as(net.app('360000').http, net.token('360000', 'desk-editor', 'd-zhang', '张编'));
  const editor = (code: string) => as(net.app(code).http, net.token(code, 'editor', `e-${code}`, `编辑${code}`));
  const inboxed = (code: string, topicId: string) =>
    eventually(async () =>
      (await editor(code).get(`/api/v1/centers/${code}/topic-inbox`).expect(200)).body.items.find((t: { topicId: string }) => t.topicId === topicId),
    );

  /** A county answers: a story carrying the topic's id, submitted upstream. */
  const answer = async (code: string, topicId: string, title: string) => {
    const { body } = await editor(code).post(`/api/v1/centers/${code}/stories`, storyInput({ title, topicId })).expect(201);
    expect(body.topicId).toBe(topicId);
    await submitThroughReview(net, code, body.id);
    return body.id as string;
  };

  it('a topic answered by two of three targets, one late, shows the third as missing', async () => {
    const deadline = new Date(Date.now() + 5_000).toISOString();
    const issued = await desk()
      .post('/api/v1/centers/360000/topics', {
        title: '聚焦秋收：各地丰收节',
        brief: '请围绕丰收节采写稿件，图文并茂。',
        deadline,
        targets: ['360702', '360703', '360704'],
      })
      .expect(201);
    const topicId = issued.body.topicId as string;
    expect(issued.body.summary).toEqual({ targets: 3, answered: 0, late: 0, missing: ['360702', '360703', '360704'] });

    // Every target receives it; the city hub on the way keeps a copy it only relays.
    for (const code of ['360702', '360703', '360704']) {
      expect(await inboxed(code, topicId)).toMatchObject({
        title: '聚焦秋收：各地丰收节',
        issuer: { code: '360000', name: '江西省融媒体平台' },
        targeted: true,
        roleLabel: '请响应',
        deadline,
      });
    }
    const atCity = await eventually(
      async () => (await as(net.app('360700').http, net.token('360700', 'editor')).get('/api/v1/centers/360700/topic-inbox')).body.items?.[0],
    );
    expect(atCity).toMatchObject({ topicId, targeted: false, roleLabel: '转发下级' });

    const onTime = await answer('360702', topicId, '章贡区：丰收节现场');
    await sleep(Math.max(0, Date.parse(deadline) - Date.now()) + 300);
    const late = await answer('360703', topicId, '南康区：丰收节迟到的稿件');

    const topic = await eventually(async () => {
      const r = await desk().get(`/api/v1/centers/360000/topics/${topicId}`).expect(200);
      return r.body.summary.answered === 2 ? r.body : null;
    });
    expect(topic.summary).toEqual({ targets: 3, answered: 2, late: 1, missing: ['360704'] });
    const byCode = Object.fromEntries(topic.targets.map((t: { code: string }) => [t.code, t]));
    expect(byCode['360702']).toMatchObject({
      status: 'answered',
      statusLabel: '已响应',
      late: false,
      answers: [{ storyId: onTime, storyTitle: '章贡区：丰收节现场', center: { code: '360702' } }],
    });
    expect(byCode['360703']).toMatchObject({ status: 'late', statusLabel: '逾期响应', late: true, answers: [{ storyId: late, late: true }] });
    expect(byCode['360704']).toMatchObject({ status: 'overdue', statusLabel: '逾期未响应', answered: false, answeredAt: null, answers: [] });
    expect(Date.parse(byCode['360702'].answeredAt)).toBeLessThanOrEqual(Date.parse(deadline));
    expect(Date.parse(byCode['360703'].answeredAt)).toBeGreaterThan(Date.parse(deadline));

    // The link travels with the story: pooled at the city, the province's index knows the topic.
    await decide(net, '360700', onTime, 'accept');
    expect(await indexed(net, '360000', onTime)).toMatchObject({ topicId });
  }, 60_000);

  it('a story may answer only a topic its center was asked to answer', async () => {
    const issued = await desk()
      .post('/api/v1/centers/360000/topics', {
        title: '只给章贡区的选题',
        brief: '专题',
        deadline: new Date(Date.now() + 3600_000).toISOString(),
        targets: ['360702'],
      })
      .expect(201);
    await inboxed('360702', issued.body.topicId);
    const refused = await editor('360703')
      .post('/api/v1/centers/360703/stories', storyInput({ topicId: issued.body.topicId }))
      .expect(422);
    expect(refused.body.fields).toEqual(['topicId']);
    // The city relays it but is not a target either.
    const cityEditor = as(net.app('360700').http, net.token('360700', 'editor'));
    await eventually(async () =>
      (await cityEditor.get('/api/v1/centers/360700/topic-inbox')).body.items?.some((t: { topicId: string }) => t.topicId === issued.body.topicId),
    );
    await cityEditor.post('/api/v1/centers/360700/stories', storyInput({ topicId: issued.body.topicId, regionCode: '360700' })).expect(422);

    await desk()
      .post('/api/v1/centers/360000/topics', { title: '跨省', brief: '', deadline: new Date(Date.now() + 3600_000).toISOString(), targets: ['469023'] })
      .expect(400);
    await desk()
      .post('/api/v1/centers/360000/topics', { title: '过期', brief: '', deadline: new Date(Date.now() - 1000).toISOString() })
      .expect(400);
    const bad = await desk().post('/api/v1/centers/360000/topics', { title: '', brief: '', deadline: 'tomorrow' }).expect(400);
    expect(bad.body.fields).toEqual(expect.arrayContaining(['title', 'deadline']));
  });

  it('a city issues a topic to all its counties; an answer stops at the city', async () => {
    const city = as(net.app('360700').http, net.token('360700', 'curator', 'c-li', '李编'));
    const issued = await city
      .post('/api/v1/centers/360700/topics', { title: '赣州：城市更新', brief: '各县区报送', deadline: new Date(Date.now() + 3600_000).toISOString() })
      .expect(201);
    expect(issued.body.targets.map((t: { code: string }) => t.code).sort()).toEqual(['360702', '360703', '360704', '360781']);
    await inboxed('360704', issued.body.topicId);
    await answer('360704', issued.body.topicId, '赣县区：老街新颜');
    const topic = await eventually(async () => {
      const r = await city.get(`/api/v1/centers/360700/topics/${issued.body.topicId}`).expect(200);
      return r.body.summary.answered === 1 ? r.body : null;
    });
    expect(topic.summary.missing.sort()).toEqual(['360702', '360703', '360781']);
    expect(topic.targets.find((t: { code: string }) => t.code === '360704')).toMatchObject({ status: 'answered', statusLabel: '已响应' });
    // The province did not issue it and does not see it.
    await desk().get(`/api/v1/centers/360000/topics/${issued.body.topicId}`).expect(404);
  });
});
