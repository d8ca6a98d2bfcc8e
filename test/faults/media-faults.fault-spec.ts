import { eventually, NatsServerProcess, TestNetwork } from '@syn/testing';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { submitThroughReview } from '../support/county-review';
import { as, storyInput } from '../support/http';
import { jpegWithGps, noiseMp4, sha256 } from '../support/media-files';

const COUNTY = '360702';
const HUB = '360700';

interface MediaCheck {
  media: number;
  lost: number;
  duplicated: number;
  mismatched: number;
}

/**
 * Media under real faults, on real processes: the hub killed (SIGKILL) while a county is pushing
 * video to it, the county killed in the middle of a resumable upload, and the county killed while
 * it pulls a release's video down from the hub. Each prints
 * `scenario=… media=… lost=0 duplicated=0 mismatched=0`.
 */
describe('media faults', () => {
  let nats: NatsServerProcess;
  let net: TestNetwork;

  beforeAll(async () => {
    nats = await NatsServerProcess.start();
    net = await TestNetwork.start({
      natsUrl: nats.url,
      apps: [
        // A capped sending rate on both sides: a kill falls in the middle of an object, not between two.
        { kind: 'city', centers: [HUB], env: { MEDIA_SEND_BYTES_PER_SECOND: String(2 * 1024 * 1024) } },
        { kind: 'county', centers: [COUNTY], env: { MEDIA_SEND_BYTES_PER_SECOND: String(2 * 1024 * 1024) } },
      ],
    });
  }, 120_000);

  afterAll(async () => {
    await net?.stop();
    await nats?.stop();
  });

  const editorToken = () => net.token(COUNTY, 'editor', 'u-liu', '刘敏');
  const mediaDir = (center: string) => net.app(center).env.MEDIA_DIR!;

  /** What a center holds of the expected (story, object) pairs: verified from the bytes on disk and the links in its database. */
  async function check(center: string, expected: Array<{ storyId: string; sha256: string }>): Promise<MediaCheck> {
    const db = new Client({ connectionString: net.app(center).database.url });
    await db.connect();
    try {
      const links = (await db.query(`SELECT story_id, sha256 FROM media_links WHERE center_code = $1`, [center])).rows as Array<{
        story_id: string;
        sha256: string;
      }>;
      const want = new Set(expected.map((e) => `${e.storyId}|${e.sha256}`));
      let lost = 0;
      let mismatched = 0;
      for (const e of expected) {
        const file = join(mediaDir(center), 'objects', e.sha256.slice(0, 2), e.sha256);
        const linked = links.some((l) => l.story_id === e.storyId && l.sha256 === e.sha256);
        if (!linked || !existsSync(file)) lost++;
      }
      // Every stored file must hash to its name: a partial or corrupt object never reaches the store.
      const objects = join(mediaDir(center), 'objects');
      for (const d of existsSync(objects) ? readdirSync(objects) : [])
        for (const f of readdirSync(join(objects, d)))
          if (
            createHash('sha256')
              .update(readFileSync(join(objects, d, f)))
              .digest('hex') !== f
          )
            mismatched++;
      const duplicated = links.filter((l) => want.has(`${l.story_id}|${l.sha256}`)).length - new Set(links.map((l) => `${l.story_id}|${l.sha256}`)).size;
      return { media: expected.length, lost, duplicated: duplicated + links.filter((l) => !want.has(`${l.story_id}|${l.sha256}`)).length, mismatched };
    } finally {
      await db.end();
    }
  }

  function report(scenario: string, r: MediaCheck): void {
    process.stdout.write(`scenario=${scenario} media=${r.media} lost=${r.lost} duplicated=${r.duplicated} mismatched=${r.mismatched}\n`);
  }

  async function upload(file: Buffer, name: string): Promise<string> {
    const r = await request(net.app(COUNTY).http)
      .post(`/api/v1/centers/${COUNTY}/media`)
      .set('authorization', `Bearer ${editorToken()}`)
      .attach('file', file, name)
      .expect(201);
    return r.body.sha256 as string;
  }

  async function tusCreate(size: number): Promise<string> {
    const r = await request(net.app(COUNTY).http)
      .post(`/api/v1/centers/${COUNTY}/media/uploads`)
      .set('authorization', `Bearer ${editorToken()}`)
      .set('tus-resumable', '1.0.0')
      .set('upload-length', String(size))
      .expect(201);
    return new URL(r.headers.location as string).pathname;
  }

  const tusPatch = (path: string, offset: number, data: Buffer) =>
    request(net.app(COUNTY).http)
      .patch(path)
      .set('authorization', `Bearer ${editorToken()}`)
      .set('tus-resumable', '1.0.0')
      .set('upload-offset', String(offset))
      .set('content-type', 'application/offset+octet-stream')
      .send(data);

  async function tusUpload(file: Buffer): Promise<string> {
    const path = await tusCreate(file.length);
    const done = await tusPatch(path, 0, file);
    expect(done.status).toBe(200);
    return JSON.parse(done.text).sha256 as string;
  }

  it('the hub killed while video is on its way to it: media arrive after it restarts, each once, verified', async () => {
    const videos = await Promise.all([noiseMp4(3, 11), noiseMp4(3, 12)]);
    const photo = await jpegWithGps();
    const shas = [await tusUpload(videos[0]!), await tusUpload(videos[1]!), await upload(photo, 'p.jpg')];
    expect(shas).toEqual([sha256(videos[0]!), sha256(videos[1]!), sha256(photo)]);
    const expected: Array<{ storyId: string; sha256: string }> = [];
    for (const [i, pair] of [
      [shas[0], shas[2]],
      [shas[1], shas[2]],
    ].entries()) {
      const { body } = await as(net.app(COUNTY).http, editorToken())
        .post(
          `/api/v1/centers/${COUNTY}/stories`,
          storyInput({
            title: `章贡区：汛情视频第${i + 1}段`,
            mediaRefs: [
              { url: `media:${pair[0]}`, kind: 'video' },
              { url: `media:${pair[1]}`, kind: 'image' },
            ],
          }),
        )
        .expect(201);
      expected.push({ storyId: body.id, sha256: pair[0]! }, { storyId: body.id, sha256: pair[1]! });
      await submitThroughReview(net, COUNTY, body.id);
    }

    // Kill the hub as soon as its first partial file shows up: bytes are in flight.
    const scratch = join(mediaDir(HUB), 'scratch');
    await eventually(async () => existsSync(scratch) && readdirSync(scratch).some((f) => f.endsWith('.part')), 20_000, 5);
    await net.app(HUB).process.kill();
    await new Promise((r) => setTimeout(r, 1500));
    await net.restart(HUB);

    const hubDesk = as(net.app(HUB).http, net.token(HUB, 'curator'));
    await eventually(async () => {
      const lists = await Promise.all(expected.map((e) => hubDesk.get(`/api/v1/centers/${HUB}/stories/${e.storyId}/media`)));
      return lists.every((l) => l.body.items?.length === 2 && l.body.items.every((i: { arrived: boolean }) => i.arrived));
    }, 90_000);
    const r = await check(HUB, expected);
    report('hub-down-during-media-transfer', r);
    expect(r).toEqual({ media: 4, lost: 0, duplicated: 0, mismatched: 0 });
    // No partial transfer is left behind once everything arrived.
    expect(readdirSync(scratch).filter((f) => f.endsWith('.part'))).toEqual([]);
  }, 180_000);

  it('the county killed in the middle of a resumable upload: the upload resumes after restart and is stored once', async () => {
    const video = await noiseMp4(2, 21);
    const path = await tusCreate(video.length);
    const half = Math.floor(video.length / 2);
    expect((await tusPatch(path, 0, video.subarray(0, half))).status).toBe(204);
    await net.app(COUNTY).process.kill();
    await net.restart(COUNTY);

    const head = await request(net.app(COUNTY).http).head(path).set('authorization', `Bearer ${editorToken()}`).set('tus-resumable', '1.0.0').expect(200);
    const offset = Number(head.headers['upload-offset']);
    expect(offset).toBe(half);
    const done = await tusPatch(path, offset, video.subarray(offset));
    expect(done.status).toBe(200);
    const sha = JSON.parse(done.text).sha256 as string;

    const stored = join(mediaDir(COUNTY), 'objects', sha.slice(0, 2), sha);
    const lost = existsSync(stored) ? 0 : 1;
    const mismatched = sha === sha256(video) && sha256(readFileSync(stored)) === sha ? 0 : 1;
    const db = new Client({ connectionString: net.app(COUNTY).database.url });
    await db.connect();
    const rows = (await db.query(`SELECT count(*)::int AS n FROM media_holdings WHERE sha256 = $1`, [sha])).rows[0].n as number;
    await db.end();
    // The finished upload leaves the tus folder: nothing there to be stored a second time.
    const leftovers = readdirSync(join(mediaDir(COUNTY), 'tus')).filter((f) => f.startsWith(path.split('/').pop()!));
    const r = { media: 1, lost, duplicated: rows - 1 + leftovers.length, mismatched };
    report('county-killed-mid-upload', r);
    expect(r).toEqual({ media: 1, lost: 0, duplicated: 0, mismatched: 0 });
  }, 120_000);

  it('the county killed while it pulls a release’s video from the hub: the pull resumes after restart, stored once, verified', async () => {
    const video = await noiseMp4(4, 31);
    const curatorToken = net.token(HUB, 'curator', 'c-wang', '王审');
    const sha = (
      await request(net.app(HUB).http)
        .post(`/api/v1/centers/${HUB}/media`)
        .set('authorization', `Bearer ${curatorToken}`)
        .attach('file', video, 'flood.mp4')
        .expect(201)
    ).body.sha256 as string;
    expect(sha).toBe(sha256(video));
    const issued = await as(net.app(HUB).http, curatorToken)
      .post(`/api/v1/centers/${HUB}/releases`, {
        story: {
          title: '赣州市防汛视频通稿',
          body: '<p>全市各县区请转载防汛现场视频。</p>',
          byline: '赣州市融媒体中心',
          category: '时政',
          mediaRefs: [{ url: `media:${sha}`, kind: 'video', caption: '防汛现场' }],
        },
        targets: [COUNTY],
      })
      .expect(201);
    const storyId = issued.body.story.id as string;

    // Kill the county as soon as its partial file shows up: bytes are on their way down.
    const scratch = join(mediaDir(COUNTY), 'scratch');
    const pulling = () => existsSync(scratch) && readdirSync(scratch).some((f) => f.startsWith('pull-') && f.endsWith('.part'));
    await eventually(async () => pulling(), 20_000, 5);
    await net.app(COUNTY).process.kill();
    await net.restart(COUNTY);

    const desk = as(net.app(COUNTY).http, editorToken());
    await eventually(async () => (await desk.get(`/api/v1/centers/${COUNTY}/stories/${storyId}/media`)).body.items?.[0]?.arrived === true, 90_000);
    const stored = join(mediaDir(COUNTY), 'objects', sha.slice(0, 2), sha);
    const db = new Client({ connectionString: net.app(COUNTY).database.url });
    await db.connect();
    const holdings = (await db.query(`SELECT count(*)::int AS n FROM media_holdings WHERE sha256 = $1`, [sha])).rows[0].n as number;
    const links = (await db.query(`SELECT count(*)::int AS n FROM media_links WHERE story_id = $1`, [storyId])).rows[0].n as number;
    await db.end();
    const r = {
      media: 1,
      lost: existsSync(stored) && links > 0 ? 0 : 1,
      duplicated: holdings - 1 + (links - 1),
      mismatched: existsSync(stored) && sha256(readFileSync(stored)) === sha ? 0 : 1,
    };
    report('county-killed-mid-pull', r);
    expect(r).toEqual({ media: 1, lost: 0, duplicated: 0, mismatched: 0 });
    // The partial file became the object: nothing left to resume.
    expect(pulling()).toBe(false);
  }, 180_000);
});
