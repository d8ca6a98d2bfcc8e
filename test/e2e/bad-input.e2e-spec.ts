import { Metadata, status } from '@grpc/grpc-js';
import { StoryPoolClient } from '@syn/grpc';
import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { submitThroughReview } from '../support/county-review';
import { as, storyInput } from '../support/http';
import { storyPoolAs } from '../support/grpc';

/**
 * Every endpoint answers bad input with a clear error naming the field (HTTP 400/413, gRPC
 * INVALID_ARGUMENT), refuses callers who do not belong, and leaves what is stored untouched.
 */
describe('bad input and wrong callers', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;
  let pooledId: string;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000'] },
        { kind: 'city', centers: ['360700'] },
        { kind: 'county', centers: ['360702', '360703'], env: { HTTP_BODY_LIMIT_BYTES: String(64 * 1024) } },
      ],
    });
    const editor = as(net.app('360702').http, net.token('360702', 'editor'));
    const { body } = await editor.post('/api/v1/centers/360702/stories', storyInput()).expect(201);
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

  const county = () => as(net.app('360702').http, net.token('360702', 'editor'));

  describe('POST /stories', () => {
    it.each([
      ['title missing', { title: undefined }, 'title'],
      ['empty title', { title: '' }, 'title'],
      ['title too long', { title: '长'.repeat(201) }, 'title'],
      ['body missing', { body: undefined }, 'body'],
      ['bad region code', { regionCode: '3607' }, 'regionCode'],
      ['bad priority', { priority: 'whenever' }, 'priority'],
      ['tags not strings', { tags: [1, 2] }, 'tags'],
      ['author without name', { authors: [{ role: 'reporter' }] }, 'authors.0.name'],
      ['media ref not a URL', { mediaRefs: [{ url: 'javascript:alert(1)', kind: 'image' }] }, 'mediaRefs.0.url'],
      ['embargo not a time', { embargoUntil: 'tomorrow' }, 'embargoUntil'],
      ['unknown field', { status: 'accepted' }, 'status'],
    ])('%s → 400 naming the field', async (_, over, field) => {
      const r = await county().post('/api/v1/centers/360702/stories', storyInput(over)).expect(400);
      expect(r.body.fields).toContain(field);
      expect(r.body.message.join(' ')).toContain(field);
      expect(r.body.code).toBe('invalid-input');
      expect(r.body.errors.map((e: { field: string }) => e.field)).toContain(field.replace(/\.(\d+)/g, '[$1]'));
    });

    it.each([
      ['empty title', { title: '' }, { field: 'title', code: 'minLength', params: { min: 1 } }],
      ['title too long', { title: '长'.repeat(201) }, { field: 'title', code: 'maxLength', params: { max: 200 } }],
      ['bad priority', { priority: 'whenever' }, { field: 'priority', code: 'isIn', params: { values: expect.arrayContaining(['normal']) } }],
      ['author without name', { authors: [{ role: 'reporter' }] }, { field: 'authors[0].name', code: expect.any(String) }],
      ['unknown field', { status: 'accepted' }, { field: 'status', code: 'whitelistValidation', params: {} }],
    ])('%s → errors[] names the constraint and its arguments, not only English', async (_, over, expected) => {
      const r = await county().post('/api/v1/centers/360702/stories', storyInput(over)).expect(400);
      expect(r.body.errors).toContainEqual(expect.objectContaining({ ...expected, message: expect.stringContaining(expected.field) }));
    });

    it('a body over the documented limit → 413', async () => {
      const r = await county()
        .post('/api/v1/centers/360702/stories', storyInput({ body: `<p>${'融'.repeat(40_000)}</p>` }))
        .expect(413);
      expect(r.body.message[0]).toMatch(/body: request body exceeds the 65536-byte limit/);
      expect(r.body.code).toBe('payload-too-large');
    });

    it('malformed JSON → 400', async () => {
      const r = await county().post('/api/v1/centers/360702/stories').set('content-type', 'application/json').send('{"title": "x",').expect(400);
      expect(r.body.message[0]).toMatch(/malformed JSON/);
      expect(r.body.code).toBe('malformed-json');
    });

    it('HTML is sanitised, and a body that is only a script is refused', async () => {
      const ok = await county()
        .post('/api/v1/centers/360702/stories', storyInput({ body: '<p onmouseover="x()">好稿<script>steal()</script></p>' }))
        .expect(201);
      expect(ok.body.body).toBe('<p>好稿</p>');
      const r = await county()
        .post('/api/v1/centers/360702/stories', storyInput({ body: '<script>steal()</script>' }))
        .expect(400);
      expect(r.body.fields).toEqual(['body']);
    });
  });

  it('PATCH with a bad id, a bad field, or an unknown story', async () => {
    await county().patch('/api/v1/centers/360702/stories/not-a-uuid', { title: 'x' }).expect(400);
    const r = await county().patch(`/api/v1/centers/360702/stories/${pooledId}`, { tags: 'one' }).expect(400);
    expect(r.body.fields).toContain('tags');
    const missing = await county().patch('/api/v1/centers/360702/stories/01890000-0000-7000-8000-000000000000', { title: 'x' }).expect(404);
    expect(missing.body.code).toBe('not-found');
    // A pooled story is not edited behind the hub's back.
    const c = await county().patch(`/api/v1/centers/360702/stories/${pooledId}`, { title: '改标题' }).expect(409);
    expect(c.body.message).toContain(pooledId);
    expect(c.body.code).toBe('story-not-editable');
  });

  it('list queries are validated', async () => {
    const r = await county().get('/api/v1/centers/360702/stories?status=lost&limit=0').expect(400);
    expect(r.body.fields).toEqual(expect.arrayContaining(['status', 'limit']));
    await county().get('/api/v1/centers/360702/stories?cursor=abc').expect(400);
    const d = as(net.app('360000').http, net.token('360000', 'desk-editor'));
    const i = await d.get('/api/v1/centers/360000/index?city=36&from=yesterday').expect(400);
    expect(i.body.fields).toEqual(expect.arrayContaining(['city', 'from']));
  });

  it('review decisions are validated', async () => {
    const curator = as(net.app('360700').http, net.token('360700', 'curator'));
    const r = await curator.post(`/api/v1/centers/360700/review-queue/${pooledId}/decision`, { decision: 'maybe' }).expect(400);
    expect(r.body.fields).toEqual(['decision']);
    await curator.post('/api/v1/centers/360700/review-queue/nope/decision', { decision: 'accept' }).expect(400);
    await curator.post('/api/v1/centers/360700/review-queue/01890000-0000-7000-8000-000000000000/decision', { decision: 'accept' }).expect(404);
  });

  describe('callers who do not belong', () => {
    it('no token → 401, forged token → 401', async () => {
      const none = await as(net.app('360702').http).get('/api/v1/centers/360702/stories').expect(401);
      expect(none.body.code).toBe('unauthenticated');
      const forged = net.token('360702', 'editor').slice(0, -4) + 'AAAA';
      await as(net.app('360702').http, forged).get('/api/v1/centers/360702/stories').expect(401);
    });

    it('a county cannot read or act for a sibling county', async () => {
      const sibling = as(net.app('360702').http, net.token('360703', 'editor'));
      const refused = await sibling.get('/api/v1/centers/360702/stories').expect(403);
      expect(refused.body.code).toBe('forbidden');
      await sibling.get(`/api/v1/centers/360702/stories/${pooledId}`).expect(403);
      await sibling.post('/api/v1/centers/360702/stories', storyInput()).expect(403);
      await sibling.post(`/api/v1/centers/360702/stories/${pooledId}/submit`).expect(403);
      // Its own list does not contain the sibling's story, nor can it open it by id.
      const own = await sibling.get('/api/v1/centers/360703/stories').expect(200);
      expect(own.body.items.map((s: { id: string }) => s.id)).not.toContain(pooledId);
      await sibling.get(`/api/v1/centers/360703/stories/${pooledId}`).expect(404);
    });

    it('a county cannot decide in its hub’s queue, and a reporter cannot submit', async () => {
      await as(net.app('360700').http, net.token('360702', 'curator')).get('/api/v1/centers/360700/review-queue').expect(403);
      await as(net.app('360700').http, net.token('360700', 'reporter'))
        .post(`/api/v1/centers/360700/review-queue/${pooledId}/decision`, { decision: 'accept' })
        .expect(403);
      const reporter = as(net.app('360702').http, net.token('360702', 'reporter'));
      const { body } = await reporter.post('/api/v1/centers/360702/stories', storyInput()).expect(201);
      await reporter.post(`/api/v1/centers/360702/stories/${body.id}/submit`).expect(403);
    });
  });

  describe('StoryPool over gRPC', () => {
    const address = () => `127.0.0.1:${net.app('360700').grpcPort}`;

    it('the province reads a pooled story; an unknown id is NOT_FOUND', async () => {
      const client = storyPoolAs('360000');
      try {
        const s = await client.getStory(address(), '360700', pooledId);
        expect(s).toMatchObject({ id: pooledId, hubCode: '360700', originCode: '360702', version: 1 });
        await expect(client.getStory(address(), '360700', '01890000-0000-7000-8000-000000000000')).rejects.toMatchObject({ code: status.NOT_FOUND });
        const page = await client.listStories(address(), { hubCode: '360700', limit: 10 });
        expect(page.stories.map((x) => x.id)).toEqual([pooledId]);
      } finally {
        client.close();
      }
    });

    it('bad arguments are INVALID_ARGUMENT naming the field', async () => {
      const client = storyPoolAs('360000');
      try {
        await expect(client.getStory(address(), '360700', 'nope')).rejects.toMatchObject({
          code: status.INVALID_ARGUMENT,
          details: expect.stringContaining('story_id'),
        });
        await expect(client.getStory(address(), '36', pooledId)).rejects.toMatchObject({
          code: status.INVALID_ARGUMENT,
          details: expect.stringContaining('hub_code'),
        });
        await expect(client.listStories(address(), { hubCode: '360700', limit: 500 })).rejects.toMatchObject({
          code: status.INVALID_ARGUMENT,
          details: expect.stringContaining('limit'),
        });
      } finally {
        client.close();
      }
    });

    it('no credentials, a wrong secret, or a center outside the hub’s reach are refused', async () => {
      const anonymous = new StoryPoolClient('360000', { metadataFor: () => new Metadata() } as never);
      const wrongSecret = storyPoolAs('360000', 'another-secret-0000');
      const otherProvince = storyPoolAs('460000');
      const otherCity = storyPoolAs('360100');
      try {
        await expect(anonymous.getStory(address(), '360700', pooledId)).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
        await expect(wrongSecret.getStory(address(), '360700', pooledId)).rejects.toMatchObject({ code: status.UNAUTHENTICATED });
        await expect(otherProvince.getStory(address(), '360700', pooledId)).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
        await expect(otherCity.getStory(address(), '360700', pooledId)).rejects.toMatchObject({ code: status.PERMISSION_DENIED });
        await expect(storyPoolAs('360000').getStory(address(), '360100', pooledId)).rejects.toMatchObject({ code: status.NOT_FOUND });
      } finally {
        anonymous.close();
        wrongSecret.close();
        otherProvince.close();
        otherCity.close();
      }
    });
  });

  it('nothing stored was changed by all of the above', async () => {
    const s = await county().get(`/api/v1/centers/360702/stories/${pooledId}`).expect(200);
    expect(s.body).toMatchObject({ version: 1, status: 'accepted', title: storyInput().title });
  });
});
