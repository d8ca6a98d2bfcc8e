import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { Client } from 'pg';
import { submitThroughReview } from '../support/county-review';
import { decide, poolStory, submitStory } from '../support/flow';
import { as, storyInput } from '../support/http';

const author = (name: string, role = 'reporter') => ({ name, role });
const seed: Array<{ title: string; body: string[] }> = JSON.parse(readFileSync(resolve(process.cwd(), 'deploy/demo/seed-stories.json'), 'utf8')).stories;
const html = (paragraphs: string[]) => paragraphs.map((p) => `<p>${p}</p>`).join('');

/** The current month as the province counts it (China Standard Time). */
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

/**
 * 考核 / 稿酬: a scripted month of activity across two cities, then every figure and the points
 * checked against numbers worked out by hand below, recomputable from the append-only ledger.
 *
 *   story  origin  authors       what happens                                     highest level → points (3/2/1)
 *   A      360702  刘敏, 陈晓     accepted; city adopts (市台); province (省台)     province → 3
 *   B      360702  刘敏           accepted; city releases it, 360703 republishes   republish → 1
 *   C      360702  刘敏           rejected                                          —
 *   D      360703  王芳           accepted; city adopts for 市台 and 客户端         city → 2 (once)
 *   E      360703  王芳           submitted, still in review                        —
 *   G      360703  王芳           answers the province's topic, in review          —
 *   F      360113  赵磊           accepted at 南昌; province adopts (学习强国)     province → 3
 */
describe('monthly statistics and points (考核 / 稿酬)', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000'] },
        { kind: 'city', centers: ['360700', '360100'] },
        { kind: 'county', centers: ['360702', '360703', '360113', '360704', '360781'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await net?.stop();
    await nats?.stop();
  });

  const desk = () => as(net.app('360000').http, net.token('360000', 'desk-editor', 'd-zhang', '张编'));
  const admin = () => as(net.app('360000').http, net.token('360000', 'admin', 'a-chen', '陈管理'));
  const curator = (hub: string) => as(net.app(hub).http, net.token(hub, 'curator', `c-${hub}`, '市编'));
  const editor = (code: string) => as(net.app(code).http, net.token(code, 'editor'));

  const zero = { submitted: 0, accepted: 0, rejected: 0, adoptedCity: 0, adoptedProvince: 0, republished: 0, topicsAnswered: 0, points: 0 };

  it('counts a scripted month per center and per author, and ranks them by points', async () => {
    const A = await poolStory(net, '360702', '360700', { title: 'A 章贡区脐橙', authors: [author('刘敏'), author('陈晓', 'correspondent')] });
    const B = await poolStory(net, '360702', '360700', { title: 'B 章贡区老街', authors: [author('刘敏')] });
    const C = await submitStory(net, '360702', { title: 'C 章贡区重复稿', authors: [author('刘敏')] });
    await decide(net, '360700', C, 'reject', '与已入库稿件重复');
    const D = await poolStory(net, '360703', '360700', { title: 'D 南康区家具', authors: [author('王芳')] });
    await submitStory(net, '360703', { title: 'E 南康区待审', authors: [author('王芳')] });
    const F = await poolStory(net, '360113', '360100', { title: 'F 红谷滩区夜景', authors: [author('赵磊')] });

    await curator('360700')
      .post('/api/v1/centers/360700/adoptions', { storyId: A, channels: ['市台'] })
      .expect(201);
    await curator('360700')
      .post('/api/v1/centers/360700/adoptions', { storyId: D, channels: ['市台', '客户端'] })
      .expect(201);
    for (const id of [A, F])
      await eventually(async () => (await desk().get('/api/v1/centers/360000/index')).body.items?.some((i: { storyId: string }) => i.storyId === id));
    await desk()
      .post('/api/v1/centers/360000/adoptions', { storyId: A, channels: ['省台'] })
      .expect(201);
    await desk()
      .post('/api/v1/centers/360000/adoptions', { storyId: F, channels: ['学习强国'] })
      .expect(201);

    const topic = await desk()
      .post('/api/v1/centers/360000/topics', {
        title: '丰收节',
        brief: '请报送',
        deadline: new Date(Date.now() + 3600_000).toISOString(),
        targets: ['360702', '360703'],
      })
      .expect(201);
    await eventually(async () => (await editor('360703').get('/api/v1/centers/360703/topic-inbox')).body.items?.length === 1);
    const G = await editor('360703')
      .post('/api/v1/centers/360703/stories', storyInput({ title: 'G 南康区丰收节', authors: [author('王芳')], topicId: topic.body.topicId }))
      .expect(201);
    await submitThroughReview(net, '360703', G.body.id);

    const rel = await curator('360700')
      .post('/api/v1/centers/360700/releases', { storyId: B, targets: ['360703'] })
      .expect(201);
    await eventually(async () => (await editor('360703').get(`/api/v1/centers/360703/release-inbox/${rel.body.releaseId}`)).status === 200);
    await editor('360703').post(`/api/v1/centers/360703/release-inbox/${rel.body.releaseId}/republish`).expect(200);

    // 7 submitted + 4 accepted + 1 rejected + 5 adoptions (A city, D city ×2, A and F province) + 1 topic answer + 1 republish.
    const report = await eventually(async () => {
      const r = await desk().get('/api/v1/centers/360000/statistics/monthly').expect(200);
      return r.body.ledgerEntries === 19 ? r.body : null;
    }, 30_000);
    expect(report.month).toBe(thisMonth());
    expect(report.weights).toEqual({ province: 3, city: 2, republish: 1 });

    const centers = Object.fromEntries(report.centers.map((c: { code: string }) => [c.code, c]));
    expect(centers['360702']).toEqual({
      code: '360702',
      name: '章贡区融媒体中心',
      level: 'county',
      rank: 1,
      submitted: 3,
      accepted: 2,
      rejected: 1,
      adoptedCity: 1,
      adoptedProvince: 1,
      republished: 1,
      topicsAnswered: 0,
      points: 4,
    });
    expect(centers['360113']).toMatchObject({
      rank: 2,
      submitted: 1,
      accepted: 1,
      rejected: 0,
      adoptedCity: 0,
      adoptedProvince: 1,
      republished: 0,
      topicsAnswered: 0,
      points: 3,
    });
    expect(centers['360703']).toMatchObject({
      rank: 3,
      submitted: 3,
      accepted: 1,
      rejected: 0,
      adoptedCity: 1,
      adoptedProvince: 0,
      republished: 0,
      topicsAnswered: 1,
      points: 2,
    });
    for (const idle of ['360700', '360100', '360704', '360781', '360400', '360482']) expect(centers[idle]).toMatchObject({ ...zero, rank: 4 });
    expect(report.centers.map((c: { code: string }) => c.code).slice(0, 3)).toEqual(['360702', '360113', '360703']);
    expect(report.totals).toEqual({ submitted: 7, accepted: 4, rejected: 1, adoptedCity: 2, adoptedProvince: 2, republished: 1, topicsAnswered: 1, points: 9 });

    expect(report.authors.map((a: { name: string; rank: number; points: number }) => [a.name, a.rank, a.points])).toEqual([
      ['刘敏', 1, 4],
      ['赵磊', 2, 3],
      ['陈晓', 2, 3],
      ['王芳', 4, 2],
    ]);
    const authors = Object.fromEntries(report.authors.map((a: { name: string }) => [a.name, a]));
    expect(authors['刘敏']).toMatchObject({
      center: { code: '360702' },
      submitted: 3,
      accepted: 2,
      rejected: 1,
      adoptedCity: 1,
      adoptedProvince: 1,
      republished: 1,
      topicsAnswered: 0,
    });
    expect(authors['陈晓']).toMatchObject({ submitted: 1, accepted: 1, rejected: 0, adoptedCity: 1, adoptedProvince: 1, republished: 0 });
    expect(authors['王芳']).toMatchObject({
      center: { code: '360703', name: '南康区融媒体中心' },
      submitted: 3,
      accepted: 1,
      adoptedCity: 1,
      topicsAnswered: 1,
    });

    // Every figure comes from the ledger, which the desk can read and recompute.
    const ledger = await desk().get(`/api/v1/centers/360000/statistics/ledger?month=${thisMonth()}`).expect(200);
    const kinds: Record<string, number> = {};
    for (const e of ledger.body.items) kinds[e.kind] = (kinds[e.kind] ?? 0) + 1;
    expect(kinds).toEqual({ submitted: 7, accepted: 4, rejected: 1, adopted: 5, 'topic-answered': 1, republished: 1 });
    expect(
      ledger.body.items
        .filter((e: { kind: string; level: string }) => e.kind === 'adopted' && e.level === 'city')
        .map((e: { channel: string }) => e.channel)
        .sort(),
    ).toEqual(['客户端', '市台', '市台']);

    const empty = await desk().get('/api/v1/centers/360000/statistics/monthly?month=2020-01').expect(200);
    expect(empty.body.totals).toEqual(zero);
    await desk().get('/api/v1/centers/360000/statistics/monthly?month=2020-13').expect(400);
  }, 60_000);

  it('exports CSV, and recomputes points when the province changes its weights', async () => {
    const csv = await desk().get('/api/v1/centers/360000/statistics/monthly.csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain(`statistics-360000-${thisMonth()}-centers.csv`);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('月份,排名,中心代码,中心名称,上报,入库,退稿,市级采用,省级采用,被转载,响应选题,积分');
    expect(lines[1]).toBe(`${thisMonth()},1,360702,章贡区融媒体中心,3,2,1,1,1,1,0,4`);
    expect(lines).toHaveLength(1 + 9);
    const byAuthor = await desk().get('/api/v1/centers/360000/statistics/monthly.csv?scope=authors').expect(200);
    expect(byAuthor.text).toContain(`${thisMonth()},4,王芳,360703,南康区融媒体中心,3,1,0,1,0,0,1,2`);

    expect((await desk().get('/api/v1/centers/360000/statistics/weights').expect(200)).body).toMatchObject({
      province: 3,
      city: 2,
      republish: 1,
      isDefault: true,
    });
    await desk().put('/api/v1/centers/360000/statistics/weights', { province: 5, city: 2, republish: 1 }).expect(403);
    const bad = await admin().put('/api/v1/centers/360000/statistics/weights', { province: -1, city: '2', republish: 1 }).expect(400);
    expect(bad.body.fields).toEqual(expect.arrayContaining(['province', 'city']));
    const set = await admin().put('/api/v1/centers/360000/statistics/weights', { province: 5, city: 2, republish: 1 }).expect(200);
    expect(set.body).toMatchObject({ province: 5, isDefault: false, updatedBy: '陈管理' });

    const report = (await desk().get('/api/v1/centers/360000/statistics/monthly').expect(200)).body;
    expect(report.centers.slice(0, 3).map((c: { code: string; points: number }) => [c.code, c.points])).toEqual([
      ['360702', 6],
      ['360113', 5],
      ['360703', 2],
    ]);
    expect(report.authors.map((a: { name: string; points: number }) => [a.name, a.points])).toEqual([
      ['刘敏', 6],
      ['赵磊', 5],
      ['陈晓', 5],
      ['王芳', 2],
    ]);
  });

  it('keeps the ledger append-only: the database refuses edits and deletions', async () => {
    const db = new Client({ connectionString: net.app('360000').database.url });
    await db.connect();
    try {
      const before = await db.query('SELECT count(*)::int AS n FROM ledger_entries');
      await expect(db.query(`UPDATE ledger_entries SET channel = '篡改'`)).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM ledger_entries`)).rejects.toThrow(/append-only/);
      expect((await db.query('SELECT count(*)::int AS n FROM ledger_entries')).rows[0].n).toBe(before.rows[0].n);
      expect(before.rows[0].n).toBeGreaterThanOrEqual(19);
    } finally {
      await db.end();
    }
  });

  it('credits a 转载 from the pool and both counties of a merged family, and a takedown takes the points back', async () => {
    const kept = await submitStory(net, '360704', { title: seed[10].title, body: html(seed[10].body), byline: '记者 吴昊', authors: [author('吴昊')] });
    const copy = await submitStory(net, '360781', {
      title: `瑞金：${seed[10].title}`,
      body: html([...seed[10].body, '记者从瑞金市融媒体中心获悉，相关做法已在全市推广。']),
      byline: '记者 周宁',
      authors: [author('周宁')],
    });
    // Both must have reached the hub's queue (and been grouped) before the curator can merge them.
    await eventually(async () => {
      const r = await curator('360700').get(`/api/v1/centers/360700/review-queue/${copy}/family`);
      return r.status === 200 && r.body.members?.length === 2;
    }, 30_000);
    await curator('360700')
      .post(`/api/v1/centers/360700/review-queue/${kept}/merge`, { members: [copy] })
      .expect(200);
    const sibling = as(net.app('360703').http, net.token('360703', 'editor', 'nk-li', '李编'));
    await sibling.post(`/api/v1/centers/360703/shared-pool/${kept}/republish`, { channel: '南康发布' }).expect(201);

    const figures = async (until: (c: Record<string, { points: number }>) => boolean) =>
      eventually(async () => {
        const r = await desk().get('/api/v1/centers/360000/statistics/monthly').expect(200);
        const c = Object.fromEntries(r.body.centers.map((x: { code: string }) => [x.code, x]));
        return until(c) ? { centers: c, weights: r.body.weights } : null;
      }, 30_000);
    const credited = await figures((c) => c['360781']?.points > 0);
    const weight = credited.weights.republish as number;
    expect(credited.centers['360704']).toMatchObject({ submitted: 1, accepted: 1, republished: 1, points: weight });
    // The merged county's story is not a 退稿: it made the pool in its family and shares its points.
    expect(credited.centers['360781']).toMatchObject({ submitted: 1, accepted: 1, rejected: 0, points: weight });

    const chief = as(net.app('360704').http, net.token('360704', 'chief-editor', 'u-wu', '吴主编'));
    await chief.post(`/api/v1/centers/360704/stories/${kept}/withdrawal`, { reason: '版权有争议' }).expect(202);
    const reversed = await figures((c) => c['360704']?.points === 0 && c['360781']?.points === 0);
    // History stays: the 转载 is still counted, only its points are gone.
    expect(reversed.centers['360704']).toMatchObject({ accepted: 1, republished: 1, points: 0 });
    const ledger = await desk().get(`/api/v1/centers/360000/statistics/ledger?month=${thisMonth()}`).expect(200);
    const ofKept = ledger.body.items.filter((e: { storyId: string }) => e.storyId === kept).map((e: { kind: string }) => e.kind);
    expect(ofKept).toEqual(expect.arrayContaining(['submitted', 'accepted', 'republished', 'withdrawn']));
    expect(ledger.body.items.filter((e: { storyId: string; kind: string }) => e.storyId === copy && e.kind === 'merged')).toEqual([
      expect.objectContaining({ originCode: '360781', refId: kept }),
    ]);
  }, 90_000);
});
