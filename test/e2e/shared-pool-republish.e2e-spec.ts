import { Client } from 'pg';
import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { submitThroughReview } from '../support/county-review';
import { as, storyInput } from '../support/http';

/**
 * The shared pool (大稿库) at work: sibling counties browse their city's pool over gRPC and
 * republish (转载) with attribution, and the origin county hears who, where and when. Curators
 * repackage pooled stories without losing the origin's text, and recommend (推荐) the best to the
 * province, whose desk sees them marked.
 */
describe('shared pool: republish across counties, curator edits, recommendation', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;
  let pooledId: string;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000'] },
        { kind: 'city', centers: ['360700', '360100'] },
        { kind: 'county', centers: ['360702', '360703', '360113'] },
      ],
    });
    const editor = as(net.app('360702').http, net.token('360702', 'editor'));
    const { body } = await editor
      .post(
        '/api/v1/centers/360702/stories',
        storyInput({ title: '章贡区：“大稿库”让县级好稿走得更远', summary: '章贡区融媒体中心的稿件经市级大稿库被多个县区转载' }),
      )
      .expect(201);
    await submitThroughReview(net, '360702', body.id);
    const curator = as(net.app('360700').http, net.token('360700', 'curator'));
    await eventually(async () => (await curator.get('/api/v1/centers/360700/review-queue')).body.items?.length === 1);
    await curator.post(`/api/v1/centers/360700/review-queue/${body.id}/decision`, { decision: 'accept' }).expect(200);
    pooledId = body.id;
  }, 120_000);

  afterAll(async () => {
    await net?.stop();
    await nats?.stop();
  });

  const counties = () => net.app('360702').http;
  const nankang = () => as(counties(), net.token('360703', 'editor', 'nk-zhang', '张编'));
  const zhanggong = () => as(counties(), net.token('360702', 'editor', 'zg-liu', '刘敏'));
  const curator = () => as(net.app('360700').http, net.token('360700', 'curator', 'c-wang', '王审'));
  const desk = () => as(net.app('360000').http, net.token('360000', 'desk-editor'));

  it('a sibling county browses the city pool and opens a story in full', async () => {
    const list = await nankang().get('/api/v1/centers/360703/shared-pool').expect(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      id: pooledId,
      originCode: '360702',
      originName: '章贡区融媒体中心',
      hubCode: '360700',
      hubName: '赣州市融媒体中心',
      own: false,
      republishedOn: [],
    });
    const own = await zhanggong().get('/api/v1/centers/360702/shared-pool').expect(200);
    expect(own.body.items[0]).toMatchObject({ id: pooledId, own: true });
    const opened = await nankang().get(`/api/v1/centers/360703/shared-pool/${pooledId}`).expect(200);
    expect(opened.body).toMatchObject({ id: pooledId, body: storyInput().body, byline: storyInput().byline });
    const filtered = await nankang().get('/api/v1/centers/360703/shared-pool?origin=360704').expect(200);
    expect(filtered.body.items).toEqual([]);
    await nankang().get('/api/v1/centers/360703/shared-pool/01890000-0000-7000-8000-000000000000').expect(404);
    // Another city's county sees its own city's pool, not this one.
    const nanchang = as(counties(), net.token('360113', 'editor'));
    expect((await nanchang.get('/api/v1/centers/360113/shared-pool').expect(200)).body.items).toEqual([]);
    await nanchang.get(`/api/v1/centers/360113/shared-pool/${pooledId}`).expect(404);
  });

  it('转载: the copy carries attribution, and the origin county gets feedback saying who, where and when', async () => {
    await nankang().post(`/api/v1/centers/360703/shared-pool/${pooledId}/republish`, {}).expect(400);
    await as(counties(), net.token('360703', 'reporter')).post(`/api/v1/centers/360703/shared-pool/${pooledId}/republish`, { channel: '南康发布' }).expect(403);
    const own = await zhanggong().post(`/api/v1/centers/360702/shared-pool/${pooledId}/republish`, { channel: '章贡发布' }).expect(422);
    expect(own.body.message).toContain(pooledId);

    const copy = await nankang().post(`/api/v1/centers/360703/shared-pool/${pooledId}/republish`, { channel: '南康发布客户端' }).expect(201);
    expect(copy.body).toMatchObject({
      centerCode: '360703',
      storyId: pooledId,
      originCode: '360702',
      hubCode: '360700',
      channel: '南康发布客户端',
      attribution: '来源：章贡区融媒体中心（赣州市融媒体中心大稿库）',
      body: storyInput().body,
      republishedByName: '张编',
    });
    const twice = await nankang().post(`/api/v1/centers/360703/shared-pool/${pooledId}/republish`, { channel: '南康发布客户端' }).expect(409);
    expect(twice.body.message).toContain('南康发布客户端');
    await nankang().post(`/api/v1/centers/360703/shared-pool/${pooledId}/republish`, { channel: '南康融媒微信公众号' }).expect(201);

    const mine = await nankang().get('/api/v1/centers/360703/republished').expect(200);
    expect(mine.body.items.map((r: { channel: string }) => r.channel)).toEqual(['南康融媒微信公众号', '南康发布客户端']);
    const listed = await nankang().get('/api/v1/centers/360703/shared-pool').expect(200);
    expect(listed.body.items[0].republishedOn.sort()).toEqual(['南康发布客户端', '南康融媒微信公众号'].sort());

    // The origin sees both uses on its story: who, where, when.
    const story = await eventually(async () => {
      const r = await zhanggong().get(`/api/v1/centers/360702/stories/${pooledId}`).expect(200);
      return r.body.feedback?.length === 2 ? r.body : null;
    });
    expect(story.feedback[0]).toMatchObject({
      kind: 'republished',
      kindLabel: '转载',
      version: 1,
      adopter: { code: '360703', name: '南康区融媒体中心', level: 'county' },
      adoptedBy: '张编',
      channel: '南康发布客户端',
    });
    expect(Date.parse(story.feedback[0].adoptedAt)).toBe(Date.parse(copy.body.republishedAt));
    expect(story.feedback[1]).toMatchObject({ channel: '南康融媒微信公众号' });

    // And all three levels have it in their audit logs.
    const originAudit = await zhanggong().get(`/api/v1/centers/360702/stories/${pooledId}/audit`).expect(200);
    expect(originAudit.body.items.filter((a: { action: string }) => a.action === 'feedback.republished')).toHaveLength(2);
    const hubAudit = await curator().get(`/api/v1/centers/360700/pool/${pooledId}/audit`).expect(200);
    expect(
      hubAudit.body.items.filter((a: { action: string }) => a.action === 'pool.republished').map((a: { actor: { center: string } }) => a.actor.center),
    ).toEqual(['360703', '360703']);
    const siblingAudit = await nankang().get(`/api/v1/centers/360703/stories/${pooledId}/audit`).expect(200);
    expect(siblingAudit.body.items[0]).toMatchObject({
      action: 'story.republished',
      actor: { id: 'nk-zhang' },
      after: { channel: '南康融媒微信公众号', originCode: '360702' },
    });
  });

  it('a curator edits the headline, summary and tags: credited, the origin’s text kept, the province’s index follows', async () => {
    await curator().patch(`/api/v1/centers/360700/pool/${pooledId}`, {}).expect(400);
    await curator().patch(`/api/v1/centers/360700/pool/${pooledId}`, { body: '<p>正文不归审核改</p>' }).expect(400);
    await as(net.app('360700').http, net.token('360700', 'editor')).patch(`/api/v1/centers/360700/pool/${pooledId}`, { title: '改' }).expect(403);

    const edited = await curator()
      .patch(`/api/v1/centers/360700/pool/${pooledId}`, { title: '赣州：县级好稿借“大稿库”走向全省', tags: ['媒体融合', '大稿库', '赣南'] })
      .expect(200);
    expect(edited.body).toMatchObject({
      version: 1,
      edition: 1,
      title: '赣州：县级好稿借“大稿库”走向全省',
      tags: ['媒体融合', '大稿库', '赣南'],
      summary: '章贡区融媒体中心的稿件经市级大稿库被多个县区转载',
      editedBy: '王审',
      original: { title: '章贡区：“大稿库”让县级好稿走得更远', tags: ['媒体融合', '大稿库'] },
    });
    const county = await zhanggong().get(`/api/v1/centers/360702/stories/${pooledId}`).expect(200);
    expect(edited.body.contentHash).not.toBe(county.body.contentHash);
    // The origin's own story is untouched.
    expect(county.body).toMatchObject({ title: '章贡区：“大稿库”让县级好稿走得更远', version: 1 });
    // Saying the same again makes no new edition.
    const same = await curator().patch(`/api/v1/centers/360700/pool/${pooledId}`, { title: '赣州：县级好稿借“大稿库”走向全省' }).expect(200);
    expect(same.body.edition).toBe(1);

    const indexed = await eventually(async () => {
      const r = await desk().get('/api/v1/centers/360000/index?city=360700').expect(200);
      const i = r.body.items.find((x: { storyId: string }) => x.storyId === pooledId);
      return i?.edition === 1 ? i : null;
    });
    expect(indexed).toMatchObject({ version: 1, title: '赣州：县级好稿借“大稿库”走向全省', tags: ['媒体融合', '大稿库', '赣南'] });
    const opened = await desk().get(`/api/v1/centers/360000/index/${pooledId}`).expect(200);
    expect(opened.body).toMatchObject({ title: '赣州：县级好稿借“大稿库”走向全省', contentHash: edited.body.contentHash });

    // A second edit is a second edition, and the province's index moves on to it.
    await curator().patch(`/api/v1/centers/360700/pool/${pooledId}`, { summary: '' }).expect(200);
    await eventually(
      async () =>
        (await desk().get('/api/v1/centers/360000/index?city=360700')).body.items?.find((x: { storyId: string }) => x.storyId === pooledId)?.edition === 2,
    );

    const audit = await curator().get(`/api/v1/centers/360700/pool/${pooledId}/audit`).expect(200);
    const edits = audit.body.items.filter((a: { action: string }) => a.action === 'pool.edited');
    expect(edits).toHaveLength(2);
    expect(edits[1]).toMatchObject({
      actor: { id: 'c-wang', name: '王审' },
      before: { title: '章贡区：“大稿库”让县级好稿走得更远', tags: ['媒体融合', '大稿库'], edition: 0 },
      after: { title: '赣州：县级好稿借“大稿库”走向全省', tags: ['媒体融合', '大稿库', '赣南'], edition: 1 },
    });
    expect(edits[0]).toMatchObject({ before: { summary: '章贡区融媒体中心的稿件经市级大稿库被多个县区转载' }, after: { summary: null, edition: 2 } });

    // Siblings copy the curated packaging from now on.
    const copy = await nankang().post(`/api/v1/centers/360703/shared-pool/${pooledId}/republish`, { channel: '南康发布微博' }).expect(201);
    expect(copy.body).toMatchObject({ title: '赣州：县级好稿借“大稿库”走向全省', summary: null });
  });

  it('推荐: the city recommends a pooled story with a note, once, and the province desk sees it marked', async () => {
    await curator().post(`/api/v1/centers/360700/pool/${pooledId}/recommend`, {}).expect(400);
    await as(net.app('360700').http, net.token('360700', 'editor')).post(`/api/v1/centers/360700/pool/${pooledId}/recommend`, { note: '好稿' }).expect(403);
    await curator().post('/api/v1/centers/360700/pool/01890000-0000-7000-8000-000000000000/recommend', { note: '好稿' }).expect(404);
    const rec = await curator().post(`/api/v1/centers/360700/pool/${pooledId}/recommend`, { note: '县级融媒体改革典型经验，建议省级平台头条选用' }).expect(200);
    expect(rec.body.recommendation).toMatchObject({ recommendedBy: '王审', note: '县级融媒体改革典型经验，建议省级平台头条选用' });
    const again = await curator().post(`/api/v1/centers/360700/pool/${pooledId}/recommend`, { note: '再推一次' }).expect(409);
    expect(again.body.message).toMatch(/already recommended to 360000 by 王审/);

    const marked = await eventually(async () => {
      const r = await desk().get('/api/v1/centers/360000/index?recommended=true').expect(200);
      return r.body.items.find((i: { storyId: string }) => i.storyId === pooledId);
    });
    expect(marked).toMatchObject({
      recommended: true,
      recommendation: { note: '县级融媒体改革典型经验，建议省级平台头条选用', recommendedBy: '王审' },
      city: { code: '360700' },
    });
    await desk().get('/api/v1/centers/360000/index?recommended=maybe').expect(400);

    // The province's own audit log has the mark.
    const c = new Client({ connectionString: net.app('360000').database.url });
    await c.connect();
    try {
      const rows = (await c.query(`SELECT action, actor_center FROM audit_log WHERE story_id = $1`, [pooledId])).rows;
      expect(rows).toEqual([{ action: 'index.recommended', actor_center: '360700' }]);
      expect((await c.query(`SELECT count(*)::int AS n FROM dead_letters`)).rows).toEqual([{ n: 0 }]);
    } finally {
      await c.end();
    }
  });
});
