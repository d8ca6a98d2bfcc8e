import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { as } from '../support/http';

interface Entry {
  action: string;
  subject: string | null;
  storyId: string | null;
  actor: { id: string; name: string; center: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * Changes that are not a story's are on the record too, in the transaction of the change: topics,
 * releases (issued, corrected, withdrawn, republished below), user administration, the review
 * policy and the points weights. A center's chief editor and admin read the whole trail.
 */
describe('audit trail of every state change, read per center', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;

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
    await net?.stop();
    await nats?.stop();
  });

  const desk = () => as(net.app('360000').http, net.token('360000', 'desk-editor', 'd-zhang', '张编'));
  const provinceAdmin = () => as(net.app('360000').http, net.token('360000', 'admin', 'p-admin', '省管理员'));
  const countyAdmin = () => as(net.app('360702').http, net.token('360702', 'admin', 'zg-admin', '章贡管理员'));
  const trail = async (who: () => ReturnType<typeof as>, center: string, query = ''): Promise<Entry[]> =>
    (await who().get(`/api/v1/centers/${center}/audit${query}`).expect(200)).body.items;

  it('topics, releases, users, the review policy and the points weights leave entries, readable by chief editor and admin only', async () => {
    const topic = await desk()
      .post('/api/v1/centers/360000/topics', {
        title: '聚焦秋收',
        brief: '请围绕丰收节采写稿件。',
        deadline: new Date(Date.now() + 86_400_000).toISOString(),
        targets: ['360702'],
      })
      .expect(201);
    const release = await desk()
      .post('/api/v1/centers/360000/releases', {
        story: { title: '全省媒体融合推进会召开', body: '<p>会议强调打通三级平台。</p>', byline: '省平台 记者 黄伟', category: '时政' },
        targets: ['360702'],
      })
      .expect(201);
    const releaseId = release.body.releaseId as string;
    await desk().post(`/api/v1/centers/360000/releases/${releaseId}/corrections`, { title: '（更正）全省媒体融合推进会召开' }).expect(200);
    const editor = as(net.app('360702').http, net.token('360702', 'editor', 'zg-liu', '刘敏'));
    await eventually(async () => (await editor.get(`/api/v1/centers/360702/release-inbox/${releaseId}`)).body.revision === 2);
    await editor.post(`/api/v1/centers/360702/release-inbox/${releaseId}/republish`).expect(200);
    await desk().post(`/api/v1/centers/360000/releases/${releaseId}/withdraw`, { reason: '数据有误' }).expect(200);
    await provinceAdmin().put('/api/v1/centers/360000/statistics/weights', { province: 5, city: 2, republish: 1 }).expect(200);

    const made = await countyAdmin()
      .post('/api/v1/centers/360702/users', { username: 'zg-new', displayName: '新编辑', role: 'editor', password: 'zg-new-Passw0rd!' })
      .expect(201);
    await countyAdmin().patch(`/api/v1/centers/360702/users/${made.body.id}`, { role: 'reporter' }).expect(200);
    await countyAdmin().post(`/api/v1/centers/360702/users/${made.body.id}/password`, { password: 'zg-new-Passw0rd!2' }).expect(204);
    await countyAdmin().put('/api/v1/centers/360702/review-policy', { steps: 2 }).expect(200);

    const province = await trail(provinceAdmin, '360000');
    expect(province.map((e) => e.action)).toEqual(['points-weights.set', 'release.withdrawn', 'release.corrected', 'release.issued', 'topic.issued']);
    expect(province.find((e) => e.action === 'topic.issued')).toMatchObject({
      subject: `topic:${topic.body.topicId}`,
      storyId: null,
      actor: { id: 'd-zhang', name: '张编', center: '360000' },
      after: { title: '聚焦秋收', targets: ['360702'] },
    });
    expect(province.find((e) => e.action === 'release.corrected')).toMatchObject({
      before: { revision: 1 },
      after: { revision: 2, title: '（更正）全省媒体融合推进会召开' },
    });
    expect(province[0]).toMatchObject({ subject: 'points-weights', before: { province: 3 }, after: { province: 5 } });
    const releases = await trail(provinceAdmin, '360000', `?subject=release:${releaseId}`);
    expect(releases.map((e) => e.action)).toEqual(['release.withdrawn', 'release.corrected', 'release.issued']);
    expect((await trail(provinceAdmin, '360000', '?action=release.')).length).toBe(3);

    const county = await trail(countyAdmin, '360702');
    expect(county.map((e) => e.action)).toEqual(['review-policy.set', 'user.password-set', 'user.updated', 'user.created', 'release.republished']);
    expect(county.find((e) => e.action === 'user.updated')).toMatchObject({
      subject: `user:${made.body.id}`,
      before: { role: 'editor' },
      after: { role: 'reporter' },
    });
    // The password never reaches the log.
    expect(JSON.stringify(county)).not.toContain('Passw0rd');
    expect(county[0]).toMatchObject({ before: { steps: 3 }, after: { steps: 2 }, actor: { name: '章贡管理员' } });

    await as(net.app('360702').http, net.token('360702', 'chief-editor')).get('/api/v1/centers/360702/audit').expect(200);
    await editor.get('/api/v1/centers/360702/audit').expect(403);
    await countyAdmin().get('/api/v1/centers/360702/audit?action=DROP TABLE').expect(400);
  });
});
