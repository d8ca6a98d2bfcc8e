import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { as, storyInput } from '../support/http';
import { submitThroughReview } from '../support/county-review';

/**
 * HUB_AUTO_ACCEPT_FROM: a hub accepts its trusted counties' submissions on arrival, in the same
 * transaction as the queue entry; everyone else still waits for a curator.
 */
describe('hub auto-accept for trusted counties', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000'] },
        { kind: 'city', centers: ['360700'], env: { HUB_AUTO_ACCEPT_FROM: '360702' } },
        { kind: 'county', centers: ['360702', '360703'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await net?.stop();
    await nats?.stop();
  });

  const submit = async (center: string, title: string) => {
    const editor = as(net.app(center).http, net.token(center, 'editor'));
    const { body } = await editor.post(`/api/v1/centers/${center}/stories`, storyInput({ title })).expect(201);
    await submitThroughReview(net, center, body.id);
    return { editor, id: body.id as string };
  };

  it('pools a trusted county’s story without a curator, tells the county, and the province indexes it', async () => {
    const { editor, id } = await submit('360702', '章贡区：自动入库的稿件');
    const seen = await eventually(async () => {
      const r = await editor.get(`/api/v1/centers/360702/stories/${id}`).expect(200);
      return r.body.status === 'accepted' ? r.body : null;
    });
    expect(seen).toMatchObject({ statusLabel: '已入库', decidedBy: '自动入库@360700' });

    const curator = as(net.app('360700').http, net.token('360700', 'curator'));
    const pooled = await curator.get(`/api/v1/centers/360700/pool/${id}`).expect(200);
    expect(pooled.body).toMatchObject({ id, pooledBy: '自动入库', originCode: '360702' });
    const accepted = await curator.get('/api/v1/centers/360700/review-queue?status=accepted').expect(200);
    expect(accepted.body.items.map((i: { storyId: string }) => i.storyId)).toContain(id);
    // Its words are indexed once, in the pool: the queue's search still finds it, decided or in all.
    for (const status of ['accepted', 'all']) {
      const found = await curator.get(`/api/v1/centers/360700/pool/search?q=${encodeURIComponent('自动入库')}&scope=queue&status=${status}`).expect(200);
      expect(found.body.items).toEqual([expect.objectContaining({ storyId: id, status: 'accepted', titleHtml: expect.stringContaining('<mark>') })]);
    }
    const waiting = await curator.get(`/api/v1/centers/360700/pool/search?q=${encodeURIComponent('自动入库')}&scope=queue`).expect(200);
    expect(waiting.body.items).toEqual([]);

    const desk = as(net.app('360000').http, net.token('360000', 'desk-editor'));
    await eventually(async () => (await desk.get('/api/v1/centers/360000/index?city=360700')).body.items?.some((i: { storyId: string }) => i.storyId === id));
  });

  it('leaves an untrusted county’s story pending for a curator', async () => {
    const { editor, id } = await submit('360703', '南康区：等待人工审核的稿件');
    const curator = as(net.app('360700').http, net.token('360700', 'curator'));
    const queued = await eventually(async () => {
      const r = await curator.get('/api/v1/centers/360700/review-queue?origin=360703').expect(200);
      return r.body.items.find((i: { storyId: string }) => i.storyId === id);
    });
    expect(queued).toMatchObject({ status: 'pending' });
    const found = await curator.get(`/api/v1/centers/360700/pool/search?q=${encodeURIComponent('人工审核')}&scope=queue`).expect(200);
    expect(found.body.items.map((i: { storyId: string; status: string }) => [i.storyId, i.status])).toEqual([[id, 'pending']]);
    await curator.get(`/api/v1/centers/360700/pool/${id}`).expect(404);
    expect((await editor.get(`/api/v1/centers/360703/stories/${id}`).expect(200)).body.status).toBe('submitted');
  });
});
