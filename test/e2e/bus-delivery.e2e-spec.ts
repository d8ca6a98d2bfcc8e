import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { STREAM_NAME } from '@syn/contracts';
import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { Client } from 'pg';
import { submitThroughReview } from '../support/county-review';
import { as, storyInput } from '../support/http';

/**
 * Redelivery is normal: the same event arriving again (even past JetStream's duplicate window,
 * with a new message id) changes nothing. Poison messages are parked with a reason and the
 * messages behind them keep flowing.
 */
describe('on the bus: duplicates and poison', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;
  let nc: NatsConnection;

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
    nc = await connect({ servers: nats.url });
  }, 120_000);

  afterAll(async () => {
    await nc?.close();
    await net?.stop();
    await nats?.stop();
  });

  const cityDb = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const c = new Client({ connectionString: net.app('360700').database.url });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows as T[];
    } finally {
      await c.end();
    }
  };

  /** The raw bytes of the last event on a subject, as the broker stored them. */
  const lastOn = async (subject: string) => {
    const jsm = await jetstreamManager(nc);
    const m = await jsm.streams.getMessage(STREAM_NAME, { last_by_subj: subject });
    return m!.data;
  };

  it('the same submission delivered again, before and after the decision, changes nothing', async () => {
    const editor = as(net.app('360702').http, net.token('360702', 'editor'));
    const { body } = await editor.post('/api/v1/centers/360702/stories', storyInput()).expect(201);
    await submitThroughReview(net, '360702', body.id);
    const curator = as(net.app('360700').http, net.token('360700', 'curator'));
    await eventually(async () => (await curator.get('/api/v1/centers/360700/review-queue')).body.items?.length === 1);

    const subject = 'syn.up.360700.360702.story.submitted';
    const raw = await lastOn(subject);
    const js = jetstream(nc);
    // New message ids, so JetStream's own de-duplication does not hide them: only the inbox stands guard.
    for (let i = 0; i < 5; i++) await js.publish(subject, raw, { msgID: `replay-a-${i}` });
    await eventually(async () => (await cityDb<{ n: string }>(`SELECT count(*) AS n FROM inbox`))[0].n === '1');
    const queued = await cityDb<{ version: number; status: string }>(`SELECT version, status FROM submissions`);
    expect(queued).toEqual([{ version: 1, status: 'pending' }]);

    await curator.post(`/api/v1/centers/360700/review-queue/${body.id}/decision`, { decision: 'accept' }).expect(200);
    for (let i = 0; i < 3; i++) await js.publish(subject, raw, { msgID: `replay-b-${i}` });
    // Wait until the consumer has seen all of them (nothing pending), then check nothing moved.
    await eventually(async () => {
      const info = await (await jetstreamManager(nc)).consumers.info(STREAM_NAME, '360700-from-children');
      return info.num_pending === 0 && info.num_ack_pending === 0;
    });
    expect(await cityDb(`SELECT version, status FROM submissions`)).toEqual([{ version: 1, status: 'accepted' }]);
    expect(await cityDb(`SELECT count(*)::int AS n FROM pool_stories`)).toEqual([{ n: 1 }]);
    // The province saw one pooled event, once.
    const desk = as(net.app('360000').http, net.token('360000', 'desk-editor'));
    const idx = await eventually(
      async () => (await desk.get('/api/v1/centers/360000/index')).body.items?.length === 1 && (await desk.get('/api/v1/centers/360000/index')).body,
    );
    expect(idx.items).toHaveLength(1);
    expect(await cityDb(`SELECT count(*)::int AS n FROM dead_letters`)).toEqual([{ n: 0 }]);
  });

  it('poison is parked with its reason and what follows still flows', async () => {
    const js = jetstream(nc);
    const subject = 'syn.up.360700.360703.story.submitted';
    const editor = as(net.app('360703').http, net.token('360703', 'editor'));
    const { body: good } = await editor.post('/api/v1/centers/360703/stories', storyInput({ title: '南康区：好稿' })).expect(201);
    await submitThroughReview(net, '360703', good.id);
    const curator = as(net.app('360700').http, net.token('360700', 'curator'));
    await eventually(async () => (await curator.get('/api/v1/centers/360700/review-queue?origin=360703')).body.items?.length === 1);
    const valid = JSON.parse(Buffer.from(await lastOn(subject)).toString('utf8'));

    const forged = { ...valid, id: '01890000-0000-7000-8000-00000000f0f0', sender: '360702' };
    const badHash = {
      ...valid,
      id: '01890000-0000-7000-8000-00000000baad',
      payload: { ...valid.payload, story: { ...valid.payload.story, version: 9, title: '被篡改的标题' } },
    };
    const schema = { ...valid, id: '01890000-0000-7000-8000-00000000cccc', payload: { ...valid.payload, story: { ...valid.payload.story, regionCode: 'x' } } };
    await js.publish(subject, '{"id": "not json', { msgID: 'p1' });
    await js.publish(subject, JSON.stringify(forged), { msgID: 'p2' });
    await js.publish(subject, JSON.stringify(badHash), { msgID: 'p3' });
    await js.publish(subject, JSON.stringify(schema), { msgID: 'p4' });
    await js.publish(
      'syn.up.360700.360703.story.unheard-of',
      JSON.stringify({ ...valid, id: '01890000-0000-7000-8000-00000000dddd', type: 'story.unheard-of' }),
      { msgID: 'p5' },
    );
    await js.publish(subject, Buffer.alloc(1024 * 1024 - 2048, 0x61), { msgID: 'p6' });

    // A good submission behind the poison still lands.
    const { body: after } = await editor.post('/api/v1/centers/360703/stories', storyInput({ title: '南康区：毒消息之后的好稿' })).expect(201);
    await submitThroughReview(net, '360703', after.id);
    await eventually(async () => (await curator.get('/api/v1/centers/360700/review-queue?origin=360703')).body.items?.length === 2);

    const admin = as(net.app('360700').http, net.token('360700', 'admin'));
    const letters = await eventually(async () => {
      const r = await admin.get('/api/v1/centers/360700/dead-letters').expect(200);
      return r.body.items.length === 6 ? r.body.items : null;
    });
    const reasons = letters.map((l: { reason: string }) => l.reason).join('\n');
    expect(reasons).toMatch(/malformed JSON/);
    expect(reasons).toMatch(/origin mismatch, payload claims sender 360702 but the subject was sent by 360703/);
    expect(reasons).toMatch(/content hash mismatch/);
    expect(reasons).toMatch(/story\.regionCode/);
    expect(reasons).toMatch(/unknown event type story\.unheard-of/);
    expect(reasons).toMatch(/oversize payload/);
    // The county cannot read the hub's dead letters.
    await as(net.app('360700').http, net.token('360703', 'admin')).get('/api/v1/centers/360700/dead-letters').expect(403);
    expect(await cityDb(`SELECT title FROM submissions WHERE origin_code = '360703' ORDER BY title`)).toEqual([
      { title: '南康区：好稿' },
      { title: '南康区：毒消息之后的好稿' },
    ]);
  });
});
