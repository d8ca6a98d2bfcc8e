import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { submitThroughReview } from '../support/county-review';
import { as, storyInput } from '../support/http';

const CLAIM_TTL_SECONDS = 2;

/**
 * The city review queue: a curator claims a story so that no other curator works it, the claim
 * expires, and a return for revision (退改) comes back as a new version that replaces the pending
 * entry, marked as a resubmission. Every step is in the hub's audit log.
 */
describe('city review queue: claims and return for revision', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'city', centers: ['360700'], env: { REVIEW_CLAIM_TTL_SECONDS: String(CLAIM_TTL_SECONDS) } },
        { kind: 'county', centers: ['360702'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await net?.stop();
    await nats?.stop();
  });

  const city = () => net.app('360700').http;
  const wang = () => as(city(), net.token('360700', 'curator', 'c-wang', '王审'));
  const li = () => as(city(), net.token('360700', 'curator', 'c-li', '李审'));
  const queue = '/api/v1/centers/360700/review-queue';
  const countyEditor = () => as(net.app('360702').http, net.token('360702', 'editor', 'e-liu', '刘敏'));

  async function submitted(title: string): Promise<string> {
    const { body } = await countyEditor().post('/api/v1/centers/360702/stories', storyInput({ title })).expect(201);
    await submitThroughReview(net, '360702', body.id);
    await eventually(async () => (await wang().get(queue)).body.items?.some((i: { storyId: string }) => i.storyId === body.id));
    return body.id;
  }

  const item = async (id: string, status = 'pending') =>
    (await wang().get(`${queue}?status=${status}`).expect(200)).body.items.find((i: { storyId: string }) => i.storyId === id);

  it('a claim keeps a second curator off the story until it expires', async () => {
    const id = await submitted('赣县区：客家文化进万家');
    const claimed = await wang().post(`${queue}/${id}/claim`).expect(200);
    expect(claimed.body).toMatchObject({ claimedBy: 'c-wang', claimedByName: '王审' });
    const ttl = Date.parse(claimed.body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(CLAIM_TTL_SECONDS * 1000);
    expect((await item(id)).claim).toMatchObject({ claimedBy: 'c-wang', claimedByName: '王审' });

    // The other curator can neither claim nor decide while it lives; nor release it.
    const refused = await li().post(`${queue}/${id}/claim`).expect(409);
    expect(refused.body.message).toMatch(/claimed by 王审 \(c-wang\) until/);
    expect(refused.body.message).toContain(id);
    await li().post(`${queue}/${id}/decision`, { decision: 'accept' }).expect(409);
    await li().post(`${queue}/${id}/release`).expect(409);
    // The holder may renew it.
    await wang().post(`${queue}/${id}/claim`).expect(200);

    await new Promise((r) => setTimeout(r, CLAIM_TTL_SECONDS * 1000 + 300));
    expect((await item(id)).claim).toBeNull();
    const taken = await li().post(`${queue}/${id}/claim`).expect(200);
    expect(taken.body.claimedBy).toBe('c-li');
    // Now the first curator is the one kept off.
    await wang().post(`${queue}/${id}/decision`, { decision: 'accept' }).expect(409);
    await li().post(`${queue}/${id}/release`).expect(200);
    expect((await item(id)).claim).toBeNull();

    // A free story needs no claim first: the decision claims it for its own transaction.
    const decided = await wang().post(`${queue}/${id}/decision`, { decision: 'accept' }).expect(200);
    expect(decided.body).toMatchObject({ status: 'accepted', decidedBy: '王审' });
    await li().post(`${queue}/${id}/claim`).expect(409);
    await as(city(), net.token('360700', 'reporter')).post(`${queue}/${id}/claim`).expect(403);
    await wang().post(`${queue}/not-a-uuid/claim`).expect(400);
    await wang().post(`${queue}/01890000-0000-7000-8000-000000000000/claim`).expect(404);

    const audit = await wang().get(`${queue}/${id}/audit`).expect(200);
    expect(audit.body.items.map((a: { action: string; actor: { id: string } }) => `${a.action}:${a.actor.id}`)).toEqual([
      'review.accepted:c-wang',
      'claim.released:c-li',
      'claim.taken:c-li',
      'claim.renewed:c-wang',
      'claim.taken:c-wang',
      'submission.received:总编辑@360702',
    ]);
    expect(audit.body.items[0]).toMatchObject({ before: { status: 'pending', version: 1 }, after: { status: 'accepted', version: 1 } });
  });

  it('退改 round trip: returned with a reason, answered with a new version that replaces the entry as a resubmission', async () => {
    const id = await submitted('瑞金市：红色旅游带火乡村经济');
    await wang().post(`${queue}/${id}/claim`).expect(200);
    const noReason = await wang().post(`${queue}/${id}/decision`, { decision: 'return' }).expect(400);
    expect(noReason.body.fields).toEqual(['reason']);
    const returned = await wang().post(`${queue}/${id}/decision`, { decision: 'return', reason: '请补充游客数量和收入数据' }).expect(200);
    expect(returned.body).toMatchObject({ status: 'returned', version: 1, reason: '请补充游客数量和收入数据' });
    expect(await item(id)).toBeUndefined();
    expect(await item(id, 'returned')).toMatchObject({ version: 1, reason: '请补充游客数量和收入数据', claim: null });

    // The county sees it returned, with the reason, and cannot send the same version again.
    const seen = await eventually(async () => {
      const r = await countyEditor().get(`/api/v1/centers/360702/stories/${id}`);
      return r.body.status === 'returned' ? r.body : null;
    });
    expect(seen).toMatchObject({ statusLabel: '退回修改', decisionReason: '请补充游客数量和收入数据', decidedBy: '王审@360700' });
    const same = await as(net.app('360702').http, net.token('360702', 'chief-editor', 'chief-360702'))
      .post(`/api/v1/centers/360702/stories/${id}/submit`)
      .expect(409);
    expect(same.body.message).toMatch(/make a new version/);

    // A new version goes through the county's review again and replaces the returned entry.
    await countyEditor().patch(`/api/v1/centers/360702/stories/${id}`, { body: '<p>今年以来接待游客120万人次，旅游收入增长三成。</p>' }).expect(200);
    const again = await submitThroughReview(net, '360702', id);
    expect(again.body).toMatchObject({ version: 2, status: 'submitted' });
    const resubmitted = await eventually(async () => {
      const i = await item(id);
      return i?.version === 2 ? i : null;
    });
    expect(resubmitted).toMatchObject({
      status: 'pending',
      claim: null,
      resubmission: { previousVersion: 1, previousStatus: 'returned', previousReason: '请补充游客数量和收入数据' },
    });
    expect(resubmitted.story.body).toContain('120万人次');
    expect(await item(id, 'returned')).toBeUndefined();

    await li().post(`${queue}/${id}/decision`, { decision: 'accept' }).expect(200);
    const accepted = await eventually(async () => {
      const r = await countyEditor().get(`/api/v1/centers/360702/stories/${id}`);
      return r.body.status === 'accepted' ? r.body : null;
    });
    expect(accepted).toMatchObject({ version: 2, decidedBy: '李审@360700' });
    const pooled = await li().get(`/api/v1/centers/360700/pool/${id}`).expect(200);
    expect(pooled.body).toMatchObject({ version: 2, edition: 0 });

    const hubAudit = await wang().get(`${queue}/${id}/audit`).expect(200);
    expect(hubAudit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'review.accepted',
      'submission.resubmitted',
      'review.returned',
      'claim.taken',
      'submission.received',
    ]);
    expect(hubAudit.body.items[1]).toMatchObject({ before: { version: 1, status: 'returned' }, after: { version: 2, status: 'pending' } });
    const countyAudit = await countyEditor().get(`/api/v1/centers/360702/stories/${id}/audit`).expect(200);
    expect(countyAudit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'review.accepted',
      'story.submitted',
      'review.second',
      'review.first',
      'story.edited',
      'review.returned',
      'story.submitted',
      'review.second',
      'review.first',
      'story.created',
    ]);
    expect(countyAudit.body.items[5]).toMatchObject({
      actor: { name: '王审', center: '360700' },
      before: { status: 'submitted' },
      after: { status: 'returned', decisionReason: '请补充游客数量和收入数据' },
    });
  });
});
