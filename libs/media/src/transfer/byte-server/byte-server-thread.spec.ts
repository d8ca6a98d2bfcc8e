import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { BYTE_SERVER_THREAD_PROGRAM } from './byte-server-thread.program';
import { HASH_FOLLOWER_THREAD_PROGRAM } from './hash-follower-thread.program';

type Message = { op: string; rid: number } & Record<string, unknown>;

/** The thread as the app starts it, with the test playing the app's side of every request. */
describe('the byte server thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'byte-server-'));
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  let worker: Worker;
  let port = 0;
  let decide: (m: Message) => object | undefined = () => undefined;
  const seen: Message[] = [];
  const waiters: Array<{ op: string; rid?: number; resolve: (m: Message) => void }> = [];

  const next = (op: string, rid?: number) =>
    new Promise<Message>((resolve) => {
      const i = seen.findIndex((m) => m.op === op && (rid === undefined || m.rid === rid));
      if (i >= 0) resolve(seen.splice(i, 1)[0]!);
      else waiters.push({ op, rid, resolve });
    });

  beforeAll(async () => {
    worker = new Worker(BYTE_SERVER_THREAD_PROGRAM, {
      eval: true,
      workerData: { idleMs: 5000, pathPrefix: '/transfer/v1/media/', hashProgram: HASH_FOLLOWER_THREAD_PROGRAM },
    });
    const listening = new Promise<number>((resolve) => worker.once('message', (m: { port: number }) => resolve(m.port)));
    worker.postMessage({ op: 'listen', host: '127.0.0.1', port: 0 });
    port = await listening;
    worker.on('message', (m: Message) => {
      if (m.op === 'admit') {
        const answer = decide(m);
        if (answer) worker.postMessage({ rid: m.rid, ...answer });
      }
      const w = waiters.findIndex((x) => x.op === m.op && (x.rid === undefined || x.rid === m.rid));
      if (w >= 0) waiters.splice(w, 1)[0]!.resolve(m);
      else seen.push(m);
    });
  });

  afterAll(async () => {
    await worker.terminate();
    rmSync(dir, { recursive: true, force: true });
  });

  const put = (body: Buffer, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request({
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: `/transfer/v1/media/${'a'.repeat(64)}`,
        headers: { 'content-length': body.length, ...headers },
      });
      req.on('error', reject);
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.end(body);
    });

  it('hands the app the request head, appends the body after the bytes already there, and reports the whole file hashed', async () => {
    const before = randomBytes(700_000);
    const body = randomBytes(5 * 1024 * 1024 + 3);
    const path = join(dir, 'resumed.part');
    writeFileSync(path, before);
    decide = () => ({ op: 'land', path, offset: before.length, size: before.length + body.length });
    const answered = put(body, { authorization: 'Bearer x', 'x-syn-media-offer': 'e30', 'x-syn-media-offset': String(before.length) });
    const admit = await next('admit');
    expect(admit).toMatchObject({ method: 'PUT', sha256: 'a'.repeat(64), headers: { authorization: 'Bearer x', offer: 'e30', offset: String(before.length) } });
    const landed = await next('landed', admit.rid);
    const whole = Buffer.concat([before, body]);
    expect(landed).toMatchObject({ start: before.length, size: whole.length, sha256: sha(whole), cut: false });
    expect(readFileSync(path).equals(whole)).toBe(true);
    worker.postMessage({ op: 'reply', rid: admit.rid, status: 200, body: { have: true, offset: String(whole.length) }, close: false });
    expect(await answered).toEqual({ status: 200, text: JSON.stringify({ have: true, offset: String(whole.length) }) });
  });

  it('stops at bytes past the announced size, keeping what fitted', async () => {
    const path = join(dir, 'over.part');
    writeFileSync(path, '');
    decide = () => ({ op: 'land', path, offset: 0, size: 100 });
    const answered = put(randomBytes(3 * 65_536));
    const admit = await next('admit');
    const landed = await next('landed', admit.rid);
    expect(landed.refused).toMatch(/run past the announced size 100/);
    expect(landed.size).toBeLessThanOrEqual(100);
    worker.postMessage({ op: 'reply', rid: admit.rid, status: 400, body: { message: String(landed.refused) }, close: true });
    expect((await answered).status).toBe(400);
  });

  it('does not append when the file no longer ends where the app found it', async () => {
    const path = join(dir, 'moved.part');
    writeFileSync(path, Buffer.alloc(10));
    decide = () => ({ op: 'land', path, offset: 4, size: 100 });
    const answered = put(randomBytes(20));
    const admit = await next('admit');
    expect(await next('landed', admit.rid)).toMatchObject({ start: 10, size: 10 });
    expect(readFileSync(path).length).toBe(10);
    worker.postMessage({ op: 'reply', rid: admit.rid, status: 200, body: { have: false, offset: '10' }, close: true });
    expect((await answered).status).toBe(200);
  });

  it('keeps and reports the bytes of a body cut part-way, so the next request resumes after them', async () => {
    const path = join(dir, 'cut.part');
    writeFileSync(path, '');
    decide = () => ({ op: 'land', path, offset: 0, size: 10 * 1024 * 1024 });
    const sent = randomBytes(2 * 1024 * 1024);
    const req = request({
      host: '127.0.0.1',
      port,
      method: 'PUT',
      path: `/transfer/v1/media/${'b'.repeat(64)}`,
      headers: { 'content-length': 10 * 1024 * 1024 },
    });
    req.on('error', () => undefined);
    req.write(sent);
    const admit = await next('admit');
    await new Promise((r) => setTimeout(r, 300));
    req.destroy();
    const landed = await next('landed', admit.rid);
    expect(landed.cut).toBe(true);
    const kept = readFileSync(path);
    expect(kept.length).toBe(landed.size);
    expect(kept.equals(sent.subarray(0, kept.length))).toBe(true);
    expect(landed.sha256).toBe(sha(kept));
  });

  it('sends the range of a file asked for, at the pace asked for', async () => {
    const object = randomBytes(600_000);
    const path = join(dir, 'object');
    writeFileSync(path, object);
    decide = () => ({
      op: 'send-file',
      status: 200,
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(object.length - 1000) },
      path,
      offset: 1000,
      length: object.length - 1000,
      bytesPerSecond: 1_000_000,
      readBytes: 64 * 1024,
    });
    const started = performance.now();
    const got = await new Promise<Buffer>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'GET', path: `/transfer/v1/media/${'c'.repeat(64)}?offset=1000` });
      req.on('error', reject);
      req.on('response', (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve(Buffer.concat(parts)));
      });
      req.end();
    });
    expect(got.equals(object.subarray(1000))).toBe(true);
    // 599,000 bytes at 1 MB/s: no sooner than about 0.6 s.
    expect(performance.now() - started).toBeGreaterThan(500);
    expect((await next('admit')).query).toEqual({ offset: '1000' });
  });

  it('pulls an object into a partial file from where it ends, and reports the offer, the bytes and the hash', async () => {
    const object = randomBytes(3 * 1024 * 1024 + 11);
    const source = join(dir, 'pulled-source');
    writeFileSync(source, object);
    const offer = Buffer.from(JSON.stringify({ size: String(object.length) })).toString('base64url');
    decide = (m) => {
      const offset = Number((m.query as Record<string, string>).offset);
      return {
        op: 'send-file',
        status: 200,
        headers: { 'content-length': String(object.length - offset), 'x-syn-media-offer': offer, 'x-syn-media-offset': String(offset) },
        path: source,
        offset,
        length: object.length - offset,
        bytesPerSecond: 0,
        readBytes: 1024 * 1024,
      };
    };
    const path = join(dir, 'pull.part');
    writeFileSync(path, object.subarray(0, 123_456));
    worker.postMessage({
      op: 'fetch',
      fid: 7,
      url: `http://127.0.0.1:${port}/transfer/v1/media/${'d'.repeat(64)}?storyId=s`,
      headers: {},
      path,
      maxBytes: 1e9,
    });
    const fetched = await next('fetched');
    expect(fetched).toMatchObject({ fid: 7, status: 200, offer, start: 123_456, size: object.length, sha256: sha(object) });
    expect(readFileSync(path).equals(object)).toBe(true);
    expect((await next('admit')).query).toEqual({ storyId: 's', offset: '123456' });
  });

  it('reports a parent’s refusal of a pull with its status and text, and a partial file longer than the object', async () => {
    decide = () => ({ op: 'reply', status: 503, body: { message: 'has not reached 360700 yet' }, close: false });
    const path = join(dir, 'refused.part');
    writeFileSync(path, '');
    worker.postMessage({ op: 'fetch', fid: 8, url: `http://127.0.0.1:${port}/transfer/v1/media/${'e'.repeat(64)}`, headers: {}, path, maxBytes: 1e9 });
    expect(await next('fetched')).toMatchObject({ fid: 8, status: 503, text: JSON.stringify({ message: 'has not reached 360700 yet' }) });
    await next('admit');
    const offer = Buffer.from(JSON.stringify({ size: '10' })).toString('base64url');
    decide = () => ({
      op: 'send-file',
      status: 200,
      headers: { 'content-length': '0', 'x-syn-media-offer': offer, 'x-syn-media-offset': '10' },
      path,
      offset: 0,
      length: 0,
      bytesPerSecond: 0,
      readBytes: 1024,
    });
    writeFileSync(path, Buffer.alloc(20));
    worker.postMessage({ op: 'fetch', fid: 9, url: `http://127.0.0.1:${port}/transfer/v1/media/${'e'.repeat(64)}`, headers: {}, path, maxBytes: 1e9 });
    expect(await next('fetched')).toMatchObject({ fid: 9, status: 200, tooLong: true });
    await next('admit');
  });

  it('answers 404 for anything but the byte path, without asking the app', async () => {
    const res = await new Promise<number>((resolve, reject) =>
      request({ host: '127.0.0.1', port, path: '/api/v1/health' }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      })
        .on('error', reject)
        .end(),
    );
    expect(res).toBe(404);
  });
});
