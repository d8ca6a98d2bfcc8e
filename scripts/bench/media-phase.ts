import { IMAGE_RENDITIONS, renderImage } from '@syn/media';
import { eventually, NatsServerProcess, TestNetwork, type TestAppSpec } from '@syn/testing';
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { connect } from 'node:net';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { Client } from 'pg';
import sharp from 'sharp';
import { benchAppNodeArgs } from './bench-app-node-args';
import type { ProgressBar } from './progress-bar';
import { RssSampler } from './rss-sampler';

const run = promisify(execFile);
const COUNTY = '360702';
const HUB = '360700';

export interface MediaPhaseResult {
  mb: number;
  floorCpSeconds: number;
  floorMbPerSecond: number;
  /** The same bytes from one process to another over a loopback TCP socket, written and fsynced: nothing else. */
  floorSocketSeconds: number;
  floorSocketMbPerSecond: number;
  transferVsSocketFloor: number;
  uploadSeconds: number;
  uploadMbPerSecond: number;
  transferSeconds: number;
  transferMbPerSecond: number;
  transferVsFloor: number;
  /** The hub's last Put stream alone, first piece to stored object (its 'media received' log): the bytes moving, without the outbox, queue and offer before them. */
  streamSeconds: number;
  streamMbPerSecond: number;
  streamVsFloor: number;
  peakRssMb: Record<string, number>;
  /** Each app's VmHWM once it had started, before any media moved: what the transfer adds is the difference. */
  startRssMb: Record<string, number>;
  photos: number;
  photoPixels: string;
  renditionMsPerPhoto: number;
}

/** A real MP4 (one second of noise) followed by random bytes up to `mb`: sniffed as video, and nothing compresses it. */
async function makeVideo(dir: string, mb: number): Promise<string> {
  const head = join(dir, 'head.mp4');
  await run('ffmpeg', [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'nullsrc=s=320x240:r=25,geq=random(1)*255:128:128',
    '-t',
    '1',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-qp',
    '0',
    '-pix_fmt',
    'yuv420p',
    head,
  ]);
  const path = join(dir, 'big.mp4');
  const total = mb * 1024 * 1024;
  const headSize = statSync(head).size;
  await pipeline(async function* () {
    for await (const c of createReadStream(head)) yield c as Buffer;
    for (let left = total - headSize; left > 0; left -= 4 * 1024 * 1024) yield randomBytes(Math.min(left, 4 * 1024 * 1024));
  }, createWriteStream(path));
  return path;
}

/** The floor: the same bytes copied by `cp` on the same disk and made durable, as the store makes its copy durable. */
async function cpFloor(src: string, dir: string): Promise<number> {
  const dst = join(dir, 'cp-copy.mp4');
  const t0 = performance.now();
  await run('cp', [src, dst]);
  await run('sync', [dst]);
  const s = (performance.now() - t0) / 1000;
  rmSync(dst);
  return s;
}

/**
 * The receiving end of the raw-socket floor, run as its own process: every chunk the socket gives is
 * written as it comes, and the file is fsynced when the sender is done. No HTTP, no hash, no queue.
 */
const SOCKET_RECEIVER = String.raw`
const net = require('node:net');
const fs = require('node:fs');
const fd = fs.openSync(process.argv[1], 'w');
const server = net.createServer((sock) => {
  sock.on('data', (c) => { for (let off = 0; off < c.length; ) off += fs.writeSync(fd, c, off, c.length - off); });
  sock.on('end', () => { fs.fsyncSync(fd); fs.closeSync(fd); process.exit(0); });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;

/** The raw-socket floor: one process reads the file into a loopback TCP socket, another writes what arrives and fsyncs. */
async function socketFloor(src: string, dir: string): Promise<number> {
  const dst = join(dir, 'socket-copy.mp4');
  const receiver = spawn(process.execPath, ['-e', SOCKET_RECEIVER, dst], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve, reject) =>
    receiver.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the socket floor's receiver exited with ${code}`)))),
  );
  const [line] = (await once(receiver.stdout!, 'data')) as [Buffer];
  const t0 = performance.now();
  const sock = connect(Number(line.toString().trim()), '127.0.0.1');
  await once(sock, 'connect');
  await pipeline(createReadStream(src, { highWaterMark: 1024 * 1024 }), sock);
  await exited;
  const s = (performance.now() - t0) / 1000;
  rmSync(dst);
  return s;
}

/** The hub's 'media received' log line of that object: how many bytes its last stream carried, and in how long. */
function receivedLog(logs: string, sha: string): { streamBytes: number; streamMs: number } | undefined {
  for (const line of logs.split('\n')) {
    if (!line.includes('"media received"') || !line.includes(sha)) continue;
    const l = JSON.parse(line) as { streamBytes?: number; streamMs?: number };
    if (typeof l.streamBytes === 'number' && typeof l.streamMs === 'number') return { streamBytes: l.streamBytes, streamMs: l.streamMs };
  }
  return undefined;
}

/** One tus PATCH streaming the whole file from disk, as a desk on a good line would. */
function tusUpload(base: string, token: string, path: string): Promise<string> {
  const size = statSync(path).size;
  return new Promise((resolve, reject) => {
    const create = httpRequest(`${base}/api/v1/centers/${COUNTY}/media/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'tus-resumable': '1.0.0', 'upload-length': String(size) },
    });
    create.on('error', reject);
    create.on('response', (res) => {
      res.resume();
      const location = new URL(res.headers.location!).pathname;
      const patch = httpRequest(`${base}${location}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${token}`,
          'tus-resumable': '1.0.0',
          'upload-offset': '0',
          'content-type': 'application/offset+octet-stream',
          'content-length': String(size),
        },
      });
      patch.on('error', reject);
      patch.on('response', (r) => {
        const parts: Buffer[] = [];
        r.on('data', (c: Buffer) => parts.push(c));
        r.on('end', () =>
          r.statusCode === 200
            ? resolve((JSON.parse(Buffer.concat(parts).toString()) as { sha256: string }).sha256)
            : reject(new Error(`tus PATCH answered ${r.statusCode}`)),
        );
      });
      createReadStream(path, { highWaterMark: 1024 * 1024 }).pipe(patch);
    });
    create.end();
  });
}

async function api(base: string, token: string, method: string, path: string, body?: object): Promise<Record<string, unknown>> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!r.ok) throw new Error(`${method} ${path} answered ${r.status}: ${await r.text()}`);
  return (await r.json()) as Record<string, unknown>;
}

/** Rendition time per photo: three renditions (thumbnail, web JPEG, WebP) of a 12-megapixel camera JPEG. */
async function renditionMs(dir: string, photos: number): Promise<number> {
  const paths: string[] = [];
  for (let i = 0; i < photos; i++) {
    const p = join(dir, `photo-${i}.jpg`);
    await sharp({
      create: { width: 4000, height: 3000, channels: 3, background: { r: 40 + i, g: 90, b: 160 }, noise: { type: 'gaussian', mean: 120, sigma: 40 } },
    })
      .jpeg({ quality: 90 })
      .toFile(p);
    paths.push(p);
  }
  const t0 = performance.now();
  for (const p of paths) for (const spec of IMAGE_RENDITIONS) await renderImage(p, `${p}.${spec.name}`, spec);
  return (performance.now() - t0) / photos;
}

/**
 * The media phase (`npm run bench -- --media`): a video of `mb` MB uploaded to a county by tus and
 * carried to its hub with its story, against `cp` of the same bytes on the same disk in the same
 * run; peak RSS of both apps meanwhile; sharp rendition time per photo.
 */
export async function measureMedia(o: { mediaMb: number; mediaPhotos: number }, progress: ProgressBar): Promise<MediaPhaseResult> {
  const dir = mkdtempSync(join(tmpdir(), 'syn-media-bench-'));
  const nats = await NatsServerProcess.start();
  let net: TestNetwork | undefined;
  try {
    progress.note(`media: writing a ${o.mediaMb} MB video…`);
    const video = await makeVideo(dir, o.mediaMb);
    // Every measured step starts with nothing dirty in the page cache: the kernel's writeback of an
    // earlier step's gigabyte would otherwise slow whichever step came next.
    await run('sync');
    const floorCpSeconds = await cpFloor(video, dir);
    progress.note(`media floor: cp + fsync of ${o.mediaMb} MB in ${floorCpSeconds.toFixed(1)} s`);
    await run('sync');
    const floorSocketSeconds = await socketFloor(video, dir);
    progress.note(`media floor: ${o.mediaMb} MB over a raw socket + fsync in ${floorSocketSeconds.toFixed(1)} s`);

    const apps: TestAppSpec[] = [
      { kind: 'city', centers: [HUB], nodeArgs: benchAppNodeArgs(`city-${HUB}`) },
      { kind: 'county', centers: [COUNTY], nodeArgs: benchAppNodeArgs(`county-${COUNTY}`) },
    ];
    net = await TestNetwork.start({ natsUrl: nats.url, apps });
    const rss = new RssSampler(() => net!.apps.map((a) => ({ name: a.name, pid: a.process.pid })));
    rss.sample();
    const startRssMb = rss.peaksMb();
    rss.start(200);
    const county = net.app(COUNTY).http;
    const editor = net.token(COUNTY, 'editor', 'bench-editor', '压测编辑');

    let t0 = performance.now();
    await run('sync');
    const sha = await tusUpload(county, editor, video);
    const uploadSeconds = (performance.now() - t0) / 1000;
    progress.note(`media upload: ${o.mediaMb} MB by tus in ${uploadSeconds.toFixed(1)} s`);

    const story = await api(county, editor, 'POST', `/api/v1/centers/${COUNTY}/stories`, {
      title: '压测：大视频随稿件上报',
      body: '<p>压测视频</p>',
      byline: '压测',
      authors: [],
      category: '时政',
      tags: [],
      mediaRefs: [{ url: `media:${sha}`, kind: 'video' }],
    });
    const path = `/api/v1/centers/${COUNTY}/stories/${story.id as string}`;
    await api(county, net.token(COUNTY, 'editor', 'first', '初审'), 'POST', `${path}/review/advance`, { step: 'first' });
    await api(county, net.token(COUNTY, 'editor', 'second', '复审'), 'POST', `${path}/review/advance`, { step: 'second' });
    // The county's own processing of the video (probe, poster frame) is over before the clock starts:
    // this measures the transfer, not the two sharing the cores.
    const countyDb = new Client({ connectionString: net.app(COUNTY).database.url });
    await countyDb.connect();
    await eventually(async () => (await countyDb.query(`SELECT 1 FROM media_jobs WHERE state IN ('queued', 'running')`)).rows.length === 0, 120_000);
    await countyDb.end();
    const hubDb = new Client({ connectionString: net.app(HUB).database.url });
    await hubDb.connect();
    await run('sync');
    t0 = performance.now();
    await api(county, net.token(COUNTY, 'chief-editor', 'chief', '总编辑'), 'POST', `${path}/submit`);
    for (;;) {
      const { rows } = await hubDb.query(`SELECT 1 FROM media_holdings WHERE center_code = $1 AND sha256 = $2`, [HUB, sha]);
      if (rows.length > 0) break;
      if (performance.now() - t0 > 30 * 60_000) throw new Error('the video did not reach the hub within 30 minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
    const transferSeconds = (performance.now() - t0) / 1000;
    await hubDb.end();
    rss.stop();
    const stream = await eventually(async () => receivedLog(net!.app(HUB).process.logs(), sha), 10_000);
    if (process.env.MEDIA_BENCH_LOGS)
      process.stderr.write(
        net
          .logs()
          .split('\n')
          .filter((l) => process.env.MEDIA_BENCH_LOGS === 'all' || /Media|story submitted|outbox/i.test(l))
          .join('\n') + '\n',
      );
    progress.note(
      `media transfer: ${o.mediaMb} MB county → hub in ${transferSeconds.toFixed(1)} s, the stream itself ${(stream.streamMs / 1000).toFixed(1)} s`,
    );
    await net.stop();
    net = undefined;

    const renditionMsPerPhoto = await renditionMs(dir, o.mediaPhotos);
    progress.note(`media renditions: ${renditionMsPerPhoto.toFixed(0)} ms per 12-megapixel photo`);
    const floorMbPerSecond = o.mediaMb / floorCpSeconds;
    const floorSocketMbPerSecond = o.mediaMb / floorSocketSeconds;
    const transferMbPerSecond = o.mediaMb / transferSeconds;
    return {
      mb: o.mediaMb,
      floorCpSeconds,
      floorMbPerSecond,
      floorSocketSeconds,
      floorSocketMbPerSecond,
      transferVsSocketFloor: transferMbPerSecond / floorSocketMbPerSecond,
      uploadSeconds,
      uploadMbPerSecond: o.mediaMb / uploadSeconds,
      transferSeconds,
      transferMbPerSecond,
      transferVsFloor: transferMbPerSecond / floorMbPerSecond,
      streamSeconds: stream.streamMs / 1000,
      streamMbPerSecond: stream.streamBytes / (1024 * 1024) / (stream.streamMs / 1000),
      streamVsFloor: stream.streamBytes / (1024 * 1024) / (stream.streamMs / 1000) / floorMbPerSecond,
      peakRssMb: rss.peaksMb(),
      startRssMb,
      photos: o.mediaPhotos,
      photoPixels: '4000×3000',
      renditionMsPerPhoto,
    };
  } finally {
    await net?.stop().catch(() => undefined);
    await nats.stop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}
