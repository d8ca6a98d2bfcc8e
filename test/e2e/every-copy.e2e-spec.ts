import { Client } from 'pg';
import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { publishEvent } from '../support/bus';
import { submitThroughReview } from '../support/county-review';
import { as, storyInput } from '../support/http';

interface Holder {
  holder: string;
  kind: string;
  version: number;
  receiptStatus: string;
  via: string | null;
  request: string | null;
}

/**
 * Every copy obeys: a sibling county's 转载 copy is registered with the hub as a holder, so the
 * origin's 更正 and 撤稿 reach it with a receipt; a desk that adopted (选用) the story is asked to
 * take it off its channels (请撤下) and its answer is the receipt; a 转载 whose news reaches the hub
 * after the takedown is taken down too.
 */
describe('every copy obeys: 转载 copies and adopting desks follow corrections and takedowns', () => {
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

  const county = () => net.app('360702').http;
  const editor = () => as(county(), net.token('360702', 'editor', 'u-liu', '刘敏'));
  const chief = () => as(county(), net.token('360702', 'chief-editor', 'u-zhao', '赵主编'));
  const nankang = () => as(county(), net.token('360703', 'editor', 'nk-zhang', '张编'));
  const curator = () => as(net.app('360700').http, net.token('360700', 'curator', 'c-wang', '王审'));
  const desk = () => as(net.app('360000').http, net.token('360000', 'desk-editor', 'p-li', '李编'));

  async function pooledStory(title: string): Promise<string> {
    const { body } = await editor().post('/api/v1/centers/360702/stories', storyInput({ title })).expect(201);
    await submitThroughReview(net, '360702', body.id);
    await eventually(async () =>
      (await curator().get('/api/v1/centers/360700/review-queue')).body.items?.some((i: { storyId: string }) => i.storyId === body.id),
    );
    await curator().post(`/api/v1/centers/360700/review-queue/${body.id}/decision`, { decision: 'accept' }).expect(200);
    await eventually(async () => (await editor().get(`/api/v1/centers/360702/stories/${body.id}`)).body.status === 'accepted');
    return body.id as string;
  }

  const holdersAt = async (center: string, storyId: string, who = curator): Promise<Holder[]> =>
    (await who().get(`/api/v1/centers/${center}/deliveries/${storyId}`).expect(200)).body.holders;

  it('a 更正 and a 撤稿 reach the sibling’s 转载 copy with receipts; both adopting desks are asked to 请撤下 and answer', async () => {
    const id = await pooledStory('章贡区：转载与选用都要听从更正撤稿');
    await eventually(async () => (await desk().get(`/api/v1/centers/360000/index/${id}`)).status === 200);
    await nankang().post(`/api/v1/centers/360703/shared-pool/${id}/republish`, { channel: '南康发布' }).expect(201);
    await curator()
      .post('/api/v1/centers/360700/adoptions', { storyId: id, channels: ['赣南日报客户端'] })
      .expect(201);
    await desk()
      .post('/api/v1/centers/360000/adoptions', { storyId: id, channels: ['省台', '学习强国'] })
      .expect(201);
    // The hub registered the sibling as a holder of the story when it heard of the 转载.
    await eventually(async () => (await holdersAt('360700', id)).some((h) => h.holder === '360703' && h.version === 1));

    await editor()
      .post(`/api/v1/centers/360702/stories/${id}/corrections`, { title: '章贡区：转载与选用都听从更正撤稿', note: '更正：标题多一字' })
      .expect(202);
    const copy = await eventually(async () => {
      const r = await nankang().get('/api/v1/centers/360703/republished').expect(200);
      return r.body.items.find((c: { storyId: string; version: number }) => c.storyId === id && c.version === 2);
    });
    expect(copy).toMatchObject({
      title: '章贡区：转载与选用都听从更正撤稿',
      channel: '南康发布',
      attribution: '来源：章贡区融媒体中心（赣州市融媒体中心大稿库）',
    });
    // The origin sees the sibling confirm, through the hub that relayed the correction to it.
    await eventually(async () =>
      (await holdersAt('360702', id, editor)).some(
        (h) => h.holder === '360703' && h.via === '360700' && h.kind === 'correction' && h.receiptStatus === 'confirmed',
      ),
    );

    await chief().post(`/api/v1/centers/360702/stories/${id}/withdrawal`, { reason: '涉及未核实信息' }).expect(202);
    await eventually(async () => {
      const r = await nankang().get('/api/v1/centers/360703/republished').expect(200);
      return !r.body.items.some((c: { storyId: string }) => c.storyId === id);
    });
    const origin = await eventually(async () => {
      const r = await editor().get(`/api/v1/centers/360702/deliveries/${id}`).expect(200);
      return r.body.pending.length === 0 && r.body.confirmed.length === 3 ? r.body : null;
    });
    expect(origin.confirmed.sort()).toEqual(['360000', '360700', '360703']);
    expect(origin.holders.every((h: Holder) => h.kind === 'withdrawal' && h.version === 3)).toBe(true);
    // The origin's own 更正 and 撤稿 are on its audit trail, with who, what changed and why.
    const originAudit = (await editor().get(`/api/v1/centers/360702/stories/${id}/audit`).expect(200)).body.items as Array<{ action: string }>;
    expect(originAudit.find((a) => a.action === 'story.corrected')).toMatchObject({
      actor: { name: '刘敏' },
      before: { title: '章贡区：转载与选用都要听从更正撤稿', version: 1 },
      after: { title: '章贡区：转载与选用都听从更正撤稿', version: 2, note: '更正：标题多一字' },
    });
    expect(originAudit.find((a) => a.action === 'story.withdrawn')).toMatchObject({
      actor: { name: '赵主编' },
      after: { reason: '涉及未核实信息', version: 3 },
    });
    const siblingAudit = await nankang().get(`/api/v1/centers/360703/stories/${id}/audit`).expect(200);
    expect(siblingAudit.body.items.map((a: { action: string }) => a.action).slice(0, 2)).toEqual(['republished.withdrawn', 'republished.corrected']);
    expect(siblingAudit.body.items[0]).toMatchObject({ actor: { name: '赵主编', center: '360702' }, after: { reason: '涉及未核实信息', version: 3 } });

    // 请撤下 at both desks: in their adoption lists and, as their own holder, in their pending deliveries.
    for (const [center, who, channels] of [
      ['360700', curator, ['赣南日报客户端']],
      ['360000', desk, ['省台', '学习强国']],
    ] as const) {
      const asked = await eventually(async () => {
        const r = await who().get(`/api/v1/centers/${center}/adoptions?takedown=pending`).expect(200);
        return r.body.items.length === channels.length ? r.body.items : null;
      });
      expect(asked.map((a: { channel: string }) => a.channel).sort()).toEqual([...channels].sort());
      expect(asked[0]).toMatchObject({ storyId: id, takedown: { reason: '涉及未核实信息', doneAt: null, doneBy: null } });
      const pending = (await who().get(`/api/v1/centers/${center}/deliveries?status=pending`).expect(200)).body.items;
      expect(pending).toEqual([expect.objectContaining({ storyId: id, holder: center, kind: 'withdrawal', request: 'channels', receiptLabel: '待确认' })]);
    }
    await as(net.app('360700').http, net.token('360700', 'editor')).post(`/api/v1/centers/360700/adoptions/${id}/taken-down`).expect(403);
    const done = await curator().post(`/api/v1/centers/360700/adoptions/${id}/taken-down`).expect(200);
    expect(done.body.items[0]).toMatchObject({ channel: '赣南日报客户端', takedown: { doneBy: '王审' } });
    const again = await curator().post(`/api/v1/centers/360700/adoptions/${id}/taken-down`).expect(409);
    expect(again.body.message).toContain('王审');
    expect((await curator().get('/api/v1/centers/360700/adoptions?takedown=pending').expect(200)).body.items).toEqual([]);
    expect((await curator().get('/api/v1/centers/360700/deliveries?status=pending').expect(200)).body.items).toEqual([]);
    const hubAudit = await curator().get(`/api/v1/centers/360700/pool/${id}/audit`).expect(200);
    expect(hubAudit.body.items[0]).toMatchObject({ action: 'adoption.taken-down', actor: { name: '王审' }, before: { channels: ['赣南日报客户端'] } });
    // The province has not answered yet: its request stays pending there.
    expect((await desk().get('/api/v1/centers/360000/deliveries?status=pending').expect(200)).body.items).toHaveLength(1);
    await curator().post(`/api/v1/centers/360700/adoptions/01890000-0000-7000-8000-000000000000/taken-down`).expect(404);
  });

  it('a 转载 whose news reaches the hub after the takedown gets the takedown too, with a receipt', async () => {
    const id = await pooledStory('章贡区：撤稿与转载赛跑');
    // The sibling copied the story just before the takedown; its news is still on the way up.
    const copied = await nankang().get(`/api/v1/centers/360703/shared-pool/${id}`).expect(200);
    await chief().post(`/api/v1/centers/360702/stories/${id}/withdrawal`, { reason: '版权有争议' }).expect(202);
    await eventually(async () => (await curator().get(`/api/v1/centers/360700/pool/${id}`)).status === 404);
    await nankang().post(`/api/v1/centers/360703/shared-pool/${id}/republish`, { channel: '南康发布' }).expect(404);
    await publishEvent(nats.url, {
      type: 'story.republished',
      parent: '360700',
      child: '360703',
      payload: {
        storyId: id,
        originCode: '360702',
        version: copied.body.version,
        hubCode: '360700',
        republishedBy: '360703',
        user: '张编',
        channel: '南康发布',
        republishedAt: new Date().toISOString(),
      },
    });
    const late = await eventually(async () =>
      (await holdersAt('360700', id)).find((h) => h.holder === '360703' && h.kind === 'withdrawal' && h.receiptStatus === 'confirmed'),
    );
    expect(late.version).toBe(2);
    const c = new Client({ connectionString: net.app('360703').database.url });
    await c.connect();
    try {
      expect((await c.query(`SELECT reason FROM tombstones WHERE story_id = $1`, [id])).rows).toEqual([{ reason: '版权有争议' }]);
      // A copy written now, by any path, is refused by the guard on the table.
      await c.query(
        `INSERT INTO republished_stories (id, center_code, story_id, origin_code, hub_code, version, title, body, byline, attribution, category, tags, content_hash, channel, republished_by, republished_by_name, republished_at)
         VALUES (gen_random_uuid(), '360703', $1, '360702', '360700', 1, 't', 'b', 'x', 'a', '时政', '{}', repeat('0', 64), '南康发布', 'u', 'n', now())`,
        [id],
      );
      expect((await c.query(`SELECT count(*)::int AS n FROM republished_stories WHERE story_id = $1`, [id])).rows).toEqual([{ n: 0 }]);
    } finally {
      await c.end();
    }
    const hub = new Client({ connectionString: net.app('360700').database.url });
    await hub.connect();
    try {
      expect((await hub.query(`SELECT count(*)::int AS n FROM dead_letters`)).rows).toEqual([{ n: 0 }]);
    } finally {
      await hub.end();
    }
  });
});
