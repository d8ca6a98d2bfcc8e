import { Metadata, status } from '@grpc/grpc-js';
import { jetstream } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { CenterCredentials, CenterKeyring, generateKeysFiles, StoryPoolClient } from '@syn/grpc';
import { eventually, JIANGXI, NatsServerProcess, TestNetwork } from '@syn/testing';
import { sign } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { storySubmittedEvent } from '../support/events';
import { as } from '../support/http';

/** A client whose metadata is whatever the test hands it: to send tokens no honest client would make. */
const rawClient = (token?: string) =>
  new StoryPoolClient('360000', {
    metadataFor: () => {
      const md = new Metadata();
      if (token !== undefined) md.set('authorization', `Bearer ${token}`);
      return md;
    },
  } as never);

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

/**
 * gRPC between centers in the production mode: each process holds only the private keys of the
 * centers it hosts (GRPC_KEYS_FILE from deploy/grpc/generate-grpc-keys). A hub answers its own
 * province and its own counties; no credentials, forged or replayed credentials are UNAUTHENTICATED,
 * anyone else PERMISSION_DENIED.
 */
describe('gRPC authentication and authorisation between centers', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;
  let nc: NatsConnection;
  let storyId: string;
  const keys = generateKeysFiles(
    JIANGXI.map((c) => c.code),
    {
      province: ['360000'],
      'city-ganzhou': ['360700'],
      'county-zhanggong': ['360702'],
      'county-honggutan': ['360113'],
      'city-nanchang': ['360100'],
      'province-hainan': ['460000'],
    },
  );
  const keysDir = mkdtempSync(join(tmpdir(), 'syn-grpc-keys-'));
  const keysFile = (name: string) => {
    const path = join(keysDir, `${name}.json`);
    writeFileSync(path, JSON.stringify(keys[name]), { mode: 0o600 });
    return path;
  };
  const clientOf = (process: string, center: string) => new StoryPoolClient(center, new CenterCredentials(CenterKeyring.fromKeys(keys[process]!)));
  const hub = () => `127.0.0.1:${net.app('360700').grpcPort}`;
  const clients: StoryPoolClient[] = [];
  const track = (c: StoryPoolClient) => (clients.push(c), c);

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        // No shared secret at all: keys files only.
        { kind: 'province', centers: ['360000'], env: { GRPC_KEYS_FILE: keysFile('province'), GRPC_SHARED_SECRET: '' } },
        { kind: 'city', centers: ['360700'], env: { GRPC_KEYS_FILE: keysFile('city-ganzhou'), GRPC_SHARED_SECRET: '' } },
      ],
    });
    nc = await connect({ servers: nats.url });
    const e = storySubmittedEvent('360702', '360700');
    storyId = e.storyId;
    await jetstream(nc).publish(e.subject, JSON.stringify(e.envelope), { msgID: e.envelope.id });
    const curator = as(net.app('360700').http, net.token('360700', 'curator'));
    await eventually(async () => (await curator.get('/api/v1/centers/360700/review-queue')).body.items?.length === 1);
    await curator.post(`/api/v1/centers/360700/review-queue/${storyId}/decision`, { decision: 'accept' }).expect(200);
  }, 120_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await nc?.close();
    await net?.stop();
    await nats?.stop();
  });

  it('the hub serves its own province and its own county', async () => {
    const province = track(clientOf('province', '360000'));
    await expect(province.getStory(hub(), '360700', storyId)).resolves.toMatchObject({ id: storyId, originCode: '360702' });
    const county = track(clientOf('county-zhanggong', '360702'));
    await expect(county.listStories(hub(), { hubCode: '360700', limit: 5 })).resolves.toMatchObject({ stories: [{ id: storyId }] });
    // And the province app itself opens the story over gRPC with its own key.
    const desk = as(net.app('360000').http, net.token('360000', 'desk-editor'));
    await eventually(async () => (await desk.get('/api/v1/centers/360000/index')).body.items?.length === 1);
    const opened = await desk.get(`/api/v1/centers/360000/index/${storyId}`).expect(200);
    expect(opened.body).toMatchObject({ id: storyId, hubCode: '360700' });
  });

  it('no credentials, or unreadable ones, are UNAUTHENTICATED', async () => {
    for (const token of [undefined, '', 'not-a-token', `${b64({ alg: 'none', kid: '360000' })}.${b64({ iss: '360000', aud: '360700', iat: 0, exp: 9e9 })}.`]) {
      const c = track(rawClient(token));
      await expect(c.getStory(hub(), '360700', storyId)).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
      await expect(c.listStories(hub(), { hubCode: '360700' })).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
    }
  });

  it('another center’s credentials are PERMISSION_DENIED: another city’s county, another city, another province', async () => {
    for (const [process, center] of [
      ['county-honggutan', '360113'],
      ['city-nanchang', '360100'],
      ['province-hainan', '460000'],
    ] as const) {
      const c = track(clientOf(process, center));
      await expect(c.getStory(hub(), '360700', storyId)).rejects.toMatchObject({
        code: status.PERMISSION_DENIED,
        details: expect.stringContaining(`center ${center} may not read the pool of 360700`),
      });
      await expect(c.listStories(hub(), { hubCode: '360700' })).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
    }
  });

  it('a process cannot speak as a center it does not host: no key, and a borrowed name fails the signature', async () => {
    const honggutan = new CenterCredentials(CenterKeyring.fromKeys(keys['county-honggutan']!));
    expect(() => honggutan.metadataFor('360702', '360700')).toThrow(/holds no gRPC key for center 360702/);
    // Signed with 红谷滩's key while claiming to be 章贡 (a child of the hub).
    const now = Math.floor(Date.now() / 1000);
    const head = b64({ alg: 'EdDSA', typ: 'JWT', kid: '360702' });
    const body = b64({ iss: '360702', aud: '360700', iat: now, exp: now + 60 });
    const key = CenterKeyring.fromKeys(keys['county-honggutan']!).privateKeyOf('360113')!;
    const forged = `${head}.${body}.${sign(null, Buffer.from(`${head}.${body}`), key).toString('base64url')}`;
    await expect(track(rawClient(forged)).getStory(hub(), '360700', storyId)).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
      details: expect.stringContaining('signature does not match center 360702'),
    });
    // The development secret is no key here.
    await expect(
      track(new StoryPoolClient('360000', new CenterCredentials('a-development-secret-0000'))).getStory(hub(), '360700', storyId),
    ).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
  });

  it('credentials made for another hub, or expired, are UNAUTHENTICATED', async () => {
    const province = new CenterCredentials(CenterKeyring.fromKeys(keys['province']!));
    const forNanchang = province.metadataFor('360000', '360100').get('authorization')[0] as string;
    await expect(track(rawClient(forNanchang.slice(7))).getStory(hub(), '360700', storyId)).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
      details: expect.stringContaining('made for 360100'),
    });

    const key = CenterKeyring.fromKeys(keys['province']!).privateKeyOf('360000')!;
    const head = b64({ alg: 'EdDSA', typ: 'JWT', kid: '360000' });
    const body = b64({ iss: '360000', aud: '360700', iat: 1_700_000_000, exp: 1_700_000_060 });
    const expired = `${head}.${body}.${sign(null, Buffer.from(`${head}.${body}`), key).toString('base64url')}`;
    await expect(track(rawClient(expired)).getStory(hub(), '360700', storyId)).rejects.toMatchObject({
      code: status.UNAUTHENTICATED,
      details: expect.stringContaining('expired'),
    });
  });
});
