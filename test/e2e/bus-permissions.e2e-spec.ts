import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { STREAM_NAME } from '@syn/contracts';
import { eventually, SecuredBus, TestNetwork } from '@syn/testing';
import { submitThroughReview } from '../support/county-review';
import { as, storyInput } from '../support/http';

/**
 * The bus under the credentials deploy/nats generates: each app process connects as its own NATS
 * user, limited to its centers' subjects and consumers. A county cannot publish as a sibling, cannot
 * read a sibling's review decisions by any route (core subscription, the sibling's consumer, a
 * consumer of its own with the sibling's filter, a direct get), and a forged origin that it does
 * manage to publish under its own subject is dead-lettered by the receiver.
 */
describe('bus permissions from the generated nats-server config', () => {
  let bus: SecuredBus;
  let net: TestNetwork;
  const open: NatsConnection[] = [];

  const connectAs = async (process: string) => {
    const c = process === 'ops' ? bus.ops : bus.credentials(process);
    const nc = await connect({ servers: bus.url, user: c.user, pass: c.password, inboxPrefix: c.inboxPrefix, reconnect: false });
    open.push(nc);
    return nc;
  };
  const denied = (subject: string) => new RegExp(`Permissions Violation for (Publish|Subscription) to "${subject.replace(/[$.*>]/g, (c) => `\\${c}`)}`);

  beforeAll(async () => {
    bus = await SecuredBus.start({ 'city-ganzhou': ['360700'], 'county-zhanggong': ['360702'], 'county-nankang': ['360703'], province: ['360000'] });
    net = await TestNetwork.start({
      natsUrl: bus.url,
      apps: [
        { kind: 'city', centers: ['360700'], name: 'city-ganzhou', env: bus.env('city-ganzhou') },
        { kind: 'county', centers: ['360702'], name: 'county-zhanggong', env: bus.env('county-zhanggong') },
        { kind: 'county', centers: ['360703'], name: 'county-nankang', env: bus.env('county-nankang') },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(open.map((nc) => nc.close().catch(() => undefined)));
    await net?.stop();
    await bus?.stop();
  });

  it('the apps run the whole flow under their own restricted users', async () => {
    const editor = as(net.app('360702').http, net.token('360702', 'editor'));
    const { body } = await editor.post('/api/v1/centers/360702/stories', storyInput()).expect(201);
    await submitThroughReview(net, '360702', body.id);
    const curator = as(net.app('360700').http, net.token('360700', 'curator'));
    await eventually(async () => (await curator.get('/api/v1/centers/360700/review-queue')).body.items?.length === 1);
    await curator.post(`/api/v1/centers/360700/review-queue/${body.id}/decision`, { decision: 'accept' }).expect(200);
    await eventually(async () => (await editor.get(`/api/v1/centers/360702/stories/${body.id}`)).body.status === 'accepted');

    // 南康 gets its decision too, while 章贡 is listening on the same bus.
    const nankang = as(net.app('360703').http, net.token('360703', 'editor'));
    const nk = await nankang.post('/api/v1/centers/360703/stories', storyInput({ title: '南康区家具产业' })).expect(201);
    await submitThroughReview(net, '360703', nk.body.id);
    await eventually(async () => (await curator.get('/api/v1/centers/360700/review-queue?origin=360703')).body.items?.length === 1);
    await curator.post(`/api/v1/centers/360700/review-queue/${nk.body.id}/decision`, { decision: 'reject', reason: '请补充采访' }).expect(200);
    await eventually(async () => (await nankang.get(`/api/v1/centers/360703/stories/${nk.body.id}`)).body.status === 'rejected');
  });

  it('a county cannot publish as its sibling, as its parent, or to another city', async () => {
    const js = jetstream(await connectAs('county-zhanggong'), { timeout: 3000 });
    for (const subject of [
      'syn.up.360700.360703.story.submitted',
      'syn.down.360700.360703.review.decided',
      'syn.up.360100.360702.story.submitted',
      'syn.up.360000.360700.story.pooled',
    ]) {
      await expect(js.publish(subject, '{}', { msgID: `forge-${subject}` })).rejects.toThrow(denied(subject));
    }
    // The city may address only its own children.
    const cityJs = jetstream(await connectAs('city-ganzhou'), { timeout: 3000 });
    await expect(cityJs.publish('syn.down.360700.360113.review.decided', '{}')).rejects.toThrow(denied('syn.down.360700.360113.review.decided'));
    await expect(cityJs.publish('syn.up.360000.360100.story.pooled', '{}')).rejects.toThrow(denied('syn.up.360000.360100.story.pooled'));

    const jsm = await jetstreamManager(await connectAs('ops'));
    const stored = await jsm.streams.info(STREAM_NAME, { subjects_filter: 'syn.>' });
    expect(Object.keys(stored.state.subjects ?? {}).sort()).toEqual([
      'syn.down.360700.360702.review.decided',
      'syn.down.360700.360703.review.decided',
      // The city reports its ledger (submissions received, decisions) up to the province.
      'syn.up.360000.360700.ledger.reported',
      'syn.up.360000.360700.story.pooled',
      'syn.up.360700.360702.story.submitted',
      'syn.up.360700.360703.story.submitted',
    ]);
  });

  it('a county cannot read its sibling’s review decisions by any route', async () => {
    const nc = await connectAs('county-zhanggong');
    const sub = nc.subscribe('syn.down.360700.360703.>');
    const received = (async () => {
      for await (const m of sub) return m.subject;
      return null;
    })();
    await expect(received).rejects.toThrow(denied('syn.down.360700.360703.>'));

    const jsm = await jetstreamManager(nc, { timeout: 3000 });
    await expect(jsm.consumers.info(STREAM_NAME, '360703-from-parent')).rejects.toThrow(denied('$JS.API.CONSUMER.INFO.SYN.360703-from-parent'));
    const js = jetstream(nc, { timeout: 3000 });
    const sibling = await js.consumers.get(STREAM_NAME, '360703-from-parent').catch((e: Error) => e);
    expect(String(sibling)).toMatch(/Permissions Violation/);
    // Its own consumer name with the sibling's filter: refused, the filter travels in the subject.
    await expect(jsm.consumers.add(STREAM_NAME, { durable_name: '360702-from-parent', filter_subject: 'syn.down.360700.360703.>' })).rejects.toThrow(
      /Permissions Violation/,
    );
    await expect(jsm.consumers.add(STREAM_NAME, { durable_name: 'snoop', filter_subject: 'syn.>' })).rejects.toThrow(/Permissions Violation/);
    await expect(jsm.streams.getMessage(STREAM_NAME, { last_by_subj: 'syn.down.360700.360703.review.decided' })).rejects.toThrow(
      denied('$JS.API.STREAM.MSG.GET.SYN'),
    );
    await expect(jsm.streams.delete(STREAM_NAME)).rejects.toThrow(/Permissions Violation/);

    // Its own consumer still works, and its filter is the one provisioning set.
    expect((await jsm.consumers.info(STREAM_NAME, '360702-from-parent')).config.filter_subject).toBe('syn.down.*.360702.>');
  });

  it('a forged origin in the payload, under the county’s own subject, is dead-lettered by the hub', async () => {
    const ops = await jetstreamManager(await connectAs('ops'));
    const genuine = JSON.parse((await ops.streams.getMessage(STREAM_NAME, { last_by_subj: 'syn.up.360700.360702.story.submitted' }))!.string());
    const js = jetstream(await connectAs('county-zhanggong'), { timeout: 3000 });
    const subject = 'syn.up.360700.360702.story.submitted';
    // The story claims to come from the sibling (its hash still matches: origin is not content).
    const claimsSibling = {
      ...genuine,
      id: '01890000-0000-7000-8000-0000000a0001',
      payload: { ...genuine.payload, story: { ...genuine.payload.story, id: '01890000-0000-7000-8000-0000000b0001', originCode: '360703' } },
    };
    // The envelope names the sibling as sender.
    const senderIsSibling = { ...genuine, id: '01890000-0000-7000-8000-0000000a0002', sender: '360703' };
    await js.publish(subject, JSON.stringify(claimsSibling), { msgID: claimsSibling.id });
    await js.publish(subject, JSON.stringify(senderIsSibling), { msgID: senderIsSibling.id });

    const admin = as(net.app('360700').http, net.token('360700', 'admin'));
    const letters = await eventually(async () => {
      const r = await admin.get('/api/v1/centers/360700/dead-letters').expect(200);
      return r.body.items.length === 2 ? r.body.items : null;
    });
    const reasons = letters.map((l: { reason: string }) => l.reason).join('\n');
    expect(reasons).toMatch(/claims origin 360703 but was submitted by 360702/);
    expect(reasons).toMatch(/origin mismatch, payload claims sender 360703 but the subject was sent by 360702/);
    const queue = await as(net.app('360700').http, net.token('360700', 'curator')).get('/api/v1/centers/360700/review-queue?status=pending').expect(200);
    expect(queue.body.items.map((i: { storyId: string }) => i.storyId)).not.toContain('01890000-0000-7000-8000-0000000b0001');
  });
});
