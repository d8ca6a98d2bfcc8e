import { CenterCredentials, CenterKeyring } from '@syn/grpc';
import { eventually, NatsServerProcess, TEST_GRPC_SECRET, TestNetwork } from '@syn/testing';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import sharp from 'sharp';
import { request as httpRequest } from 'node:http';
import { as, storyInput } from '../support/http';
import { submitThroughReview } from '../support/county-review';
import { jpegWithGps, sha256, twoSecondMp4 } from '../support/media-files';

/**
 * 融媒体 from county to province on real PostgreSQL, JetStream, gRPC, sharp and ffmpeg: a photo
 * by multipart and a video by an interrupted-then-resumed tus upload travel with their story to the
 * city pool and the provincial index byte for byte; the published photo has no EXIF (GPS); a
 * takedown removes the media at every level.
 */
describe('media travel with their story', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        { kind: 'province', centers: ['360000'] },
        { kind: 'city', centers: ['360700'] },
        // 南康 shares the county app: its 转载 of 章贡's pooled story finds the bytes in the same process.
        { kind: 'county', centers: ['360702', '360703'] },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    if (process.env.MEDIA_E2E_LOGS) process.stdout.write(net?.logs() ?? '');
    await net?.stop();
    await nats?.stop();
  });

  const county = () => net.app('360702').http;
  const editorToken = () => net.token('360702', 'editor', 'u-liu', '刘敏');
  const editor = () => as(county(), editorToken());
  /** A county draft referring to these media, as the editor writes it. */
  const draftWithMedia = async (title: string, refs: Array<{ url: string; kind: string; caption: string }>) =>
    (
      await editor()
        .post('/api/v1/centers/360702/stories', storyInput({ title, mediaRefs: refs }))
        .expect(201)
    ).body;
  const chief = () => as(county(), net.token('360702', 'chief-editor', 'u-zhao', '赵主编'));
  const curator = () => as(net.app('360700').http, net.token('360700', 'curator', 'c-wang', '王审'));
  const cityDesk = () => as(net.app('360700').http, net.token('360700', 'curator'));
  const provinceDesk = () => as(net.app('360000').http, net.token('360000', 'desk-editor'));

  const upload = () => request(county()).post('/api/v1/centers/360702/media').set('authorization', `Bearer ${editorToken()}`);

  const bytesOf = async (base: string, link: string, headers: Record<string, string> = {}) => {
    const r = await request(base)
      .get(link)
      .set(headers)
      .buffer(true)
      .parse((res, cb) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => cb(null, Buffer.concat(parts)));
      });
    return { status: r.status, body: r.body as Buffer, headers: r.headers };
  };

  /** A tus PATCH whose connection is cut after `cutAt` bytes, as a phone losing its signal would. */
  const cutPatch = (url: string, data: Buffer, cutAt: number) =>
    new Promise<void>((resolve) => {
      const req = httpRequest(url, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${editorToken()}`,
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
          'content-length': String(data.length),
        },
      });
      req.on('error', () => resolve());
      req.write(data.subarray(0, cutAt), () => setTimeout(() => (req.destroy(), resolve()), 300));
    });

  let photo: Buffer;
  let video: Buffer;
  let photoSha: string;
  let videoSha: string;

  it('refuses what is not media, by the bytes, with a code and a Chinese message naming the field', async () => {
    const r = await upload().attach('file', Buffer.from('%!PS-Adobe not really a photo'), 'flood.jpg').expect(415);
    expect(r.body.code).toBe('media-type-refused');
    expect(r.body.message[0]).toMatch(/^file: 不支持的文件类型/);
    const none = await upload().field('caption', 'x').expect(400);
    expect(none.body.code).toBe('media-missing');
  });

  it('stores a photo once however often it is uploaded, and publishes renditions without EXIF or GPS', async () => {
    photo = await jpegWithGps();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const first = await upload().attach('file', photo, 'IMG_0001.jpg').expect(201);
    const again = await upload().attach('file', photo, 'copy.jpg').expect(201);
    photoSha = first.body.sha256;
    expect(photoSha).toBe(sha256(photo));
    expect(again.body.sha256).toBe(photoSha);
    expect(first.body).toMatchObject({ kind: 'image', mime: 'image/jpeg', size: photo.length, url: `media:${photoSha}` });

    const ready = await eventually(async () => {
      const v = (await editor().get(`/api/v1/centers/360702/media/${photoSha}`)).body;
      return v.status === 'ready' ? v : undefined;
    });
    expect(ready.renditions.map((r: { name: string }) => r.name).sort()).toEqual(['thumbnail', 'web', 'webp']);
    const web = await bytesOf(county(), ready.links.web);
    expect(web.status).toBe(200);
    expect(web.headers['content-type']).toBe('image/jpeg');
    const meta = await sharp(web.body).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBeLessThanOrEqual(1600);
    const original = await bytesOf(county(), ready.links.original);
    expect(sha256(original.body)).toBe(photoSha);
  });

  it('resumes a video upload cut mid-way (tus) and probes it with a poster frame', async () => {
    video = await twoSecondMp4();
    videoSha = sha256(video);
    const created = await editor()
      .post('/api/v1/centers/360702/media/uploads')
      .set('tus-resumable', '1.0.0')
      .set('upload-length', String(video.length))
      .expect(201);
    const location = new URL(created.headers.location as string);
    expect(location.pathname).toMatch(/^\/api\/v1\/centers\/360702\/media\/uploads\/360702-/);
    const url = `${county()}${location.pathname}`;
    await cutPatch(url, video, Math.floor(video.length / 2));

    const offset = Number(
      (await request(county()).head(location.pathname).set('authorization', `Bearer ${editorToken()}`).set('tus-resumable', '1.0.0').expect(200)).headers[
        'upload-offset'
      ],
    );
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThan(video.length);

    // Another county may not touch this upload even knowing its id.
    await request(county())
      .head(location.pathname.replace('/centers/360702/', '/centers/360703/'))
      .set('authorization', `Bearer ${net.token('360703', 'editor')}`)
      .set('tus-resumable', '1.0.0')
      .expect((r) => expect([403, 404]).toContain(r.status));

    const done = await request(county())
      .patch(location.pathname)
      .set('authorization', `Bearer ${editorToken()}`)
      .set('tus-resumable', '1.0.0')
      .set('upload-offset', String(offset))
      .set('content-type', 'application/offset+octet-stream')
      .send(video.subarray(offset));
    expect(done.status).toBeLessThan(300);

    const ready = await eventually(async () => {
      const v = (await editor().get(`/api/v1/centers/360702/media/${videoSha}`)).body;
      return v.status === 'ready' ? v : undefined;
    }, 30_000);
    expect(ready).toMatchObject({ kind: 'video', mime: 'video/mp4', size: video.length });
    expect(ready.probe.durationSeconds).toBeGreaterThan(1.5);
    expect(ready.probe).toMatchObject({ videoCodec: 'h264', width: 320, height: 240, audioCodec: 'aac' });
    expect(ready.renditions.map((r: { name: string }) => r.name)).toContain('poster');
    const original = await bytesOf(county(), ready.links.original);
    expect(sha256(original.body)).toBe(videoSha);
    const range = await bytesOf(county(), ready.links.original, { range: 'bytes=100-199' });
    expect(range.status).toBe(206);
    expect(range.body).toEqual(video.subarray(100, 200));
  });

  it('moves the media with the story to the city pool and the province, byte for byte; a takedown deletes them everywhere', async () => {
    const refs = [
      { url: `media:${photoSha}`, kind: 'image', caption: '章江水位上涨' },
      { url: `media:${videoSha}`, kind: 'video', caption: '现场视频' },
    ];
    const story = await draftWithMedia('章贡区：章江水位持续上涨', refs);
    expect(story.mediaRefs).toEqual(refs);
    await submitThroughReview(net, '360702', story.id);
    await eventually(async () =>
      (await curator().get('/api/v1/centers/360700/review-queue')).body.items?.some((i: { storyId: string }) => i.storyId === story.id),
    );

    // At the hub the media arrive with the submission, before any decision.
    const atCity = await eventually(async () => {
      const items = (await cityDesk().get(`/api/v1/centers/360700/stories/${story.id}/media`)).body.items;
      return items?.length === 2 && items.every((i: { arrived: boolean }) => i.arrived) ? items : undefined;
    }, 30_000);
    for (const item of atCity) {
      const got = await bytesOf(net.app('360700').http, item.links.original);
      expect(sha256(got.body)).toBe(item.sha256);
    }
    expect(atCity.map((i: { caption: string }) => i.caption).sort()).toEqual(['现场视频', '章江水位上涨']);

    await curator().post(`/api/v1/centers/360700/review-queue/${story.id}/decision`, { decision: 'accept' }).expect(200);
    const atProvince = await eventually(async () => {
      const items = (await provinceDesk().get(`/api/v1/centers/360000/stories/${story.id}/media`)).body.items;
      return items?.length === 2 && items.every((i: { arrived: boolean }) => i.arrived) ? items : undefined;
    }, 30_000);
    for (const item of atProvince) {
      const got = await bytesOf(net.app('360000').http, item.links.original);
      expect(got.body.length).toBe(item.size);
      expect(sha256(got.body)).toBe(item.sha256);
    }
    const provincePhoto = atProvince.find((i: { sha256: string }) => i.sha256 === photoSha);
    await eventually(async () => (await provinceDesk().get(`/api/v1/centers/360000/media/${photoSha}`)).body.status === 'ready', 30_000);
    const provinceView = (await provinceDesk().get(`/api/v1/centers/360000/media/${photoSha}`)).body;
    expect((await sharp((await bytesOf(net.app('360000').http, provinceView.links.web)).body).metadata()).exif).toBeUndefined();

    await chief().post(`/api/v1/centers/360702/stories/${story.id}/withdrawal`, { reason: '画面涉及未核实信息' }).expect(202);
    for (const [base, center, desk] of [
      [net.app('360000').http, '360000', provinceDesk],
      [net.app('360700').http, '360700', cityDesk],
      [county(), '360702', editor],
    ] as const) {
      await eventually(async () => (await desk().get(`/api/v1/centers/${center}/media/${photoSha}`)).status === 404, 20_000);
      await eventually(async () => (await desk().get(`/api/v1/centers/${center}/media/${videoSha}`)).status === 404, 20_000);
      expect((await desk().get(`/api/v1/centers/${center}/stories/${story.id}/media`)).body.items).toEqual([]);
      if (center === '360000') expect((await bytesOf(base, provincePhoto.links.original)).status).toBe(403);
    }
  });

  it('refuses to send up a story whose media: ref names bytes the county never held, naming the ref, and leaves the story unsent', async () => {
    const ghost = 'f'.repeat(64);
    // (The photo above was taken down with its story, so the county no longer holds it either.)
    const refs = [
      { url: `media:${photoSha}`, kind: 'image', caption: '章江水位上涨' },
      { url: `media:${ghost}`, kind: 'video', caption: '不存在的视频' },
    ];
    const story = await draftWithMedia('章贡区：引用了不存在的媒体', refs);
    const refused = await submitThroughReview(net, '360702', story.id).catch((e: Error) => e);
    expect(refused).toBeInstanceOf(Error);
    const chiefSubmit = await chief().post(`/api/v1/centers/360702/stories/${story.id}/submit`).expect(400);
    expect(chiefSubmit.body.fields).toEqual(['mediaRefs[0].url', 'mediaRefs[1].url']);
    expect(chiefSubmit.body.message[1]).toMatch(new RegExp(`^mediaRefs\\[1\\]\\.url: .*${ghost}`));
    const after = (await editor().get(`/api/v1/centers/360702/stories/${story.id}`)).body;
    expect(after.status).not.toBe('submitted');
    expect(after.submittedVersion ?? null).toBeNull();
  });

  it('a release (通稿) brings its photo down: the city, then the county pull it byte for byte; the release taken back takes it away', async () => {
    const province = net.app('360000').http;
    const provinceToken = net.token('360000', 'desk-editor', 'd-huang', '黄伟');
    // Noise keeps the JPEG large (several 1 MB pieces), so the stream waits on flow control on its way down.
    const banner = await sharp({ create: { width: 2400, height: 1600, channels: 3, background: '#000000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
      .jpeg({ quality: 95 })
      .toBuffer();
    expect(banner.length).toBeGreaterThan(3 * 1024 * 1024);
    const bannerSha = sha256(banner);
    // A ref the province does not hold is refused at the release, naming the field.
    const ghost = 'e'.repeat(64);
    const story = {
      title: '江西省委召开全省媒体融合发展推进会',
      body: '<p>会议强调，推进县级融媒体中心建设，打通省、市、县三级平台。</p>',
      byline: '江西省融媒体平台 记者 黄伟',
      authors: [{ name: '黄伟', role: 'reporter' }],
      category: '时政',
    };
    const refused = await provinceDesk()
      .post('/api/v1/centers/360000/releases', {
        story: { ...story, mediaRefs: [{ url: `media:${ghost}`, kind: 'image', caption: '会场' }] },
        targets: ['360702'],
      })
      .expect(400);
    expect(refused.body.message[0]).toMatch(/^mediaRefs\[0\]\.url: 本中心媒体库中没有此文件，请先上传再下发/);

    await request(province)
      .post('/api/v1/centers/360000/media')
      .set('authorization', `Bearer ${provinceToken}`)
      .attach('file', banner, 'huichang.jpg')
      .expect(201);
    const issued = await as(province, provinceToken)
      .post('/api/v1/centers/360000/releases', {
        story: { ...story, mediaRefs: [{ url: `media:${bannerSha}`, kind: 'image', caption: '会场' }] },
        targets: ['360702'],
      })
      .expect(201);
    const storyId = issued.body.story.id as string;

    // The city is on the way to the county: it pulls first, then the county pulls from the city.
    for (const [base, center, desk] of [
      [net.app('360700').http, '360700', cityDesk],
      [county(), '360702', editor],
    ] as const) {
      const items = await eventually(async () => {
        const r = (await desk().get(`/api/v1/centers/${center}/stories/${storyId}/media`)).body.items;
        return r?.length === 1 && r[0].arrived ? r : undefined;
      }, 30_000);
      expect(items[0]).toMatchObject({ sha256: bannerSha, caption: '会场' });
      const got = await bytesOf(base, items[0].links.original);
      expect(got.status).toBe(200);
      expect(sha256(got.body)).toBe(bannerSha);
      // The operator's view: nothing left to pull once it is here.
      await eventually(async () => /syn_media_transfers_queued\{direction="down"\} 0\b/.test(await fetch(`${base}/metrics`).then((r) => r.text())));
    }

    // A correction that adds a photo brings it down; one that drops it takes it away again.
    const badge = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#f1c40f' } })
      .jpeg()
      .toBuffer();
    await request(province).post('/api/v1/centers/360000/media').set('authorization', `Bearer ${provinceToken}`).attach('file', badge, 'badge.jpg').expect(201);
    const both = [
      { url: `media:${bannerSha}`, kind: 'image', caption: '会场' },
      { url: `media:${sha256(badge)}`, kind: 'image', caption: '会徽' },
    ];
    await as(province, provinceToken).post(`/api/v1/centers/360000/releases/${issued.body.releaseId}/corrections`, { mediaRefs: both }).expect(200);
    await eventually(async () => {
      const r = (await editor().get(`/api/v1/centers/360702/stories/${storyId}/media`)).body.items;
      return r?.length === 2 && r.every((i: { arrived: boolean }) => i.arrived);
    }, 30_000);
    await as(province, provinceToken)
      .post(`/api/v1/centers/360000/releases/${issued.body.releaseId}/corrections`, { mediaRefs: both.slice(0, 1) })
      .expect(200);
    await eventually(async () => (await editor().get(`/api/v1/centers/360702/media/${sha256(badge)}`)).status === 404, 20_000);
    expect((await editor().get(`/api/v1/centers/360702/stories/${storyId}/media`)).body.items.map((i: { sha256: string }) => i.sha256)).toEqual([bannerSha]);

    await as(province, provinceToken).post(`/api/v1/centers/360000/releases/${issued.body.releaseId}/withdraw`, { reason: '图片有误' }).expect(200);
    await eventually(async () => (await editor().get(`/api/v1/centers/360702/media/${bannerSha}`)).status === 404, 20_000);
    expect((await editor().get(`/api/v1/centers/360702/stories/${storyId}/media`)).body.items).toEqual([]);
  });

  it('a sibling’s 转载 of a pooled story brings its photo to the copy', async () => {
    const photo2 = await sharp({ create: { width: 480, height: 320, channels: 3, background: '#2e7d32' } })
      .jpeg()
      .toBuffer();
    const photo2Sha = (await upload().attach('file', photo2, 'nanchang.jpg').expect(201)).body.sha256 as string;
    const story = await draftWithMedia('章贡区：脐橙采摘季开启', [{ url: `media:${photo2Sha}`, kind: 'image', caption: '果园' }]);
    await submitThroughReview(net, '360702', story.id);
    await eventually(async () =>
      (await curator().get('/api/v1/centers/360700/review-queue')).body.items?.some((i: { storyId: string }) => i.storyId === story.id),
    );
    await curator().post(`/api/v1/centers/360700/review-queue/${story.id}/decision`, { decision: 'accept' }).expect(200);
    const nankang = () => as(county(), net.token('360703', 'editor', 'u-nk', '南康编辑'));
    await eventually(async () => (await nankang().get(`/api/v1/centers/360703/shared-pool/${story.id}`)).status === 200, 20_000);
    await nankang().post(`/api/v1/centers/360703/shared-pool/${story.id}/republish`, { channel: '南康发布' }).expect(201);
    const items = await eventually(async () => {
      const r = (await nankang().get(`/api/v1/centers/360703/stories/${story.id}/media`)).body.items;
      return r?.length === 1 && r[0].arrived ? r : undefined;
    }, 30_000);
    expect(items[0]).toMatchObject({ sha256: photo2Sha, caption: '果园' });
    expect(sha256((await bytesOf(county(), items[0].links.original)).body)).toBe(photo2Sha);
  });

  it('the byte path between centers refuses what the gRPC offer would: no credentials, a center that is not the child, a bad offer, a story never sent', async () => {
    // The hub's byte server, on a port of its own; the desk's port does not serve the byte path.
    const hub = net.app('360700').media!;
    expect((await request(net.app('360700').http).get(`/transfer/v1/media/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await request(hub).get('/api/v1/health')).status).toBe(404);
    const keys = new CenterCredentials(CenterKeyring.derived(TEST_GRPC_SECRET));
    const auth = (from: string, to: string) => String(keys.metadataFor(from, to).get('authorization')[0]);
    const bytes = Buffer.from('not a video at all');
    const offer = (o: Record<string, string> = {}) => ({
      fromCenter: '360702',
      toCenter: '360700',
      storyId: randomUUID(),
      sha256: sha256(bytes),
      originCode: '360702',
      kind: 'video',
      caption: '汛情',
      embargoUntil: '',
      size: String(bytes.length),
      ...o,
    });
    const header = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const put = (o: object, headers: Record<string, string>, offset = 0) =>
      request(hub)
        .put(`/transfer/v1/media/${sha256(bytes)}`)
        .set({ 'content-type': 'application/octet-stream', 'x-syn-media-offer': header(o), 'x-syn-media-offset': String(offset), ...headers })
        .send(bytes.subarray(offset));

    const anonymous = await put(offer(), {});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.message).toMatch(/missing center credentials/);
    // The province signs for itself, but it is 赣州's parent, not its child.
    const notChild = await put(offer({ fromCenter: '360000', originCode: '360000' }), { authorization: auth('360000', '360700') });
    expect(notChild.status).toBe(403);
    expect(notChild.body.message).toMatch(/360000 is not a child of 360700/);
    // A county claiming to be its sibling.
    const posing = await put(offer({ fromCenter: '360703' }), { authorization: auth('360702', '360700') });
    expect(posing.status).toBe(403);
    const bad = await put(offer({ sha256: 'abc' }), { authorization: auth('360702', '360700') });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/sha256/);
    // Bytes that start where the hub has nothing are not taken: it answers where it stands.
    const ahead = await put(offer(), { authorization: auth('360702', '360700') }, 4);
    expect(ahead.status).toBe(200);
    expect(ahead.body).toEqual({ have: false, offset: '0' });
    // Whole, verified bytes that are no accepted type are refused for good (415: the sender stops), and not kept.
    const notMedia = await put(offer(), { authorization: auth('360702', '360700') });
    expect(notMedia.status).toBe(415);
    expect(notMedia.body.message).toMatch(/not an accepted type; 360700 refuses them/);
    // More bytes than the offer announces are refused before one is written.
    const tooLong = await put(offer({ size: '4' }), { authorization: auth('360702', '360700') });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toMatch(/run past the announced size 4/);

    const get = (q: Record<string, string>, headers: Record<string, string>) =>
      request(hub)
        .get(`/transfer/v1/media/${sha256(bytes)}`)
        .query(q)
        .set(headers);
    const ask = { fromCenter: '360700', toCenter: '360702', storyId: randomUUID(), offset: '0' };
    expect((await get(ask, {})).status).toBe(401);
    const neverSent = await get(ask, { authorization: auth('360702', '360700') });
    expect(neverSent.status).toBe(404);
    expect(neverSent.body.message).toMatch(/names no media/);
    const province = await get({ ...ask, toCenter: '360000' }, { authorization: auth('360000', '360700') });
    expect(province.status).toBe(403);
  });
});
