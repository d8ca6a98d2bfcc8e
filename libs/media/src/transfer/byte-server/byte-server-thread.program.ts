/**
 * The media byte server's program, run on a thread of its own from this string (`eval: true`; the
 * built apps and the TypeScript tests start the same code, with no build step for it).
 *
 * It serves the HTTP byte path between neighbours (`media-transfer.wire.ts`) on a port of its own.
 * The bytes never touch the app's event loop: every socket read is a fresh buffer, and on a heap the
 * size of the app's (Nest, TypeORM, dictionaries) each 64 MB of them started a full collection of
 * that heap, which held a gigabyte to a quarter of a raw socket's rate. This thread's heap stays a few
 * megabytes, so its collections cost nothing.
 *
 * The app decides, the thread moves bytes: each request is first sent to the app (`admit`) with its
 * path, query and headers; the app answers with a reply to send (a refusal, or what it already
 * holds), with a partial file to append the body to (`land`), or with bytes to send (`send-file`
 * from a local file, or `send-pumped`: pieces the app reads from its store and posts). A landed body
 * is appended with plain writes, hashed behind the writer by the hash follower thread, fsynced once
 * at its end (or when cut, so the next request resumes after it), and reported to the app
 * (`landed`), which verifies and stores it and answers the reply.
 */
export const BYTE_SERVER_THREAD_PROGRAM = String.raw`
const { parentPort, workerData, Worker } = require('node:worker_threads');
const http = require('node:http');
const https = require('node:https');
const fs = require('node:fs');
const { once } = require('node:events');

const { idleMs, pathPrefix, hashProgram } = workerData;
/** The hash follower is told of the file's growth once per this many bytes. */
const TELL_BYTES = 1024 * 1024;
/**
 * ... and reads this far behind the writer. Reading the very pages being appended slowed every
 * write of the thread about fourfold (the kernel's copy into the page cache, 40% of the machine's
 * samples during a transfer), since reader and writer then contend for the same folios; 16 MB
 * behind, the writes cost what they cost alone and the rest is hashed at the end in milliseconds.
 */
const LAG_BYTES = 16 * 1024 * 1024;
const SEND_SLOTS = 4;
const FOLLOWER_IDLE_MS = 30_000;

const requests = new Map();
let nextRid = 1;
/** The child's pulls under way, by the app's fetch id. */
const fetches = new Map();
const httpAgent = new http.Agent({ keepAlive: true });
const httpsAgent = new https.Agent({ keepAlive: true });

/** Digests the hash follower owes, by file; the follower runs only while there are some. */
const digests = new Map();
let follower;
let followerIdle;

/** The hash follower, started for a landing and stopped after half a minute without one: it costs an isolate's memory. */
function hashFollower() {
  clearTimeout(followerIdle);
  if (follower) return follower;
  follower = new Worker(hashProgram, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 } });
  follower.on('message', (m) => {
    const d = digests.get(m.id);
    if (!d) return;
    digests.delete(m.id);
    if (m.op === 'digest') d.resolve(m.sha256);
    else d.reject(new Error(m.message));
    if (digests.size === 0) {
      followerIdle = setTimeout(() => {
        if (digests.size > 0 || !follower) return;
        void follower.terminate();
        follower = undefined;
      }, FOLLOWER_IDLE_MS);
    }
  });
  follower.on('error', (e) => {
    throw e;
  });
  return follower;
}

function json(res, status, body, close) {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  const headers = { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) };
  // The rest of a refused body is not read: the connection closes instead of draining a gigabyte.
  if (close) headers.connection = 'close';
  res.writeHead(status, headers);
  res.end(text);
}

function pick(h) {
  return typeof h === 'string' ? h : undefined;
}

const server = http.createServer({ requestTimeout: 0, headersTimeout: 30000, keepAliveTimeout: 5000 }, (req, res) => {
  const url = new URL(req.url, 'http://byte-server');
  const sha256 = url.pathname.startsWith(pathPrefix) ? url.pathname.slice(pathPrefix.length) : '';
  if (!sha256 || sha256.includes('/')) return json(res, 404, { statusCode: 404, message: 'not a media byte path' }, true);
  if (req.method !== 'PUT' && req.method !== 'GET') return json(res, 405, { statusCode: 405, message: 'PUT or GET only' }, true);
  const rid = nextRid++;
  const r = { req, res, over: false };
  requests.set(rid, r);
  res.once('close', () => {
    if (requests.get(rid) !== r) return;
    if (r.onGone) r.onGone();
    else requests.delete(rid);
    parentPort.postMessage({ op: 'gone', rid });
  });
  parentPort.postMessage({
    op: 'admit',
    rid,
    method: req.method,
    sha256,
    query: Object.fromEntries(url.searchParams),
    headers: {
      authorization: pick(req.headers.authorization),
      offer: pick(req.headers['x-syn-media-offer']),
      offset: pick(req.headers['x-syn-media-offset']),
      contentLength: pick(req.headers['content-length']),
    },
  });
});
// A socket that carried nothing for this long is given up; the sender resumes at its offset.
server.setTimeout(idleMs, (socket) => socket.destroy());
server.on('error', (e) => parentPort.postMessage({ op: 'failed-to-listen', message: e.message }));

/**
 * Appends a body (a request's or a response's) to the open file 'fd', which ends at 'start', never
 * past 'limit' bytes in all; the follower hashes it behind the writer under 'hashId'. Calls 'done'
 * once, with where the file ends and its SHA-256, when the body ends, is cut ('cut'), or brings bytes
 * past the limit ('refused'). Whatever came is fsynced: the offset the next attempt starts from must
 * survive a crash.
 */
function appendBody(body, fd, path, start, limit, hashId, done) {
  let size = start;
  let told = start;
  let refused;
  let writeError;
  let finished = false;
  const digest = new Promise((resolve, reject) => digests.set(hashId, { resolve, reject }));
  digest.catch(() => undefined);
  hashFollower().postMessage({ op: 'open', id: hashId, path, size: start });
  const finish = (cut) => {
    if (finished) return;
    finished = true;
    body.pause();
    let error = writeError;
    try {
      if (size > start) fs.fsyncSync(fd);
    } catch (e) {
      error = e.message;
    } finally {
      fs.closeSync(fd);
    }
    follower.postMessage({ op: 'close', id: hashId, size });
    digest.then(
      (sha256) => done({ start, size, sha256, cut, refused, error }),
      (e) => done({ start, size, cut, refused, error: error || e.message }),
    );
  };
  body.on('data', (piece) => {
    if (finished) return;
    if (size + piece.length > limit) {
      refused = 'bytes at ' + (size + piece.length) + ' run past the announced size ' + limit;
      return finish(false);
    }
    try {
      for (let off = 0; off < piece.length; ) off += fs.writeSync(fd, piece, off, piece.length - off);
    } catch (e) {
      writeError = e.message;
      return finish(false);
    }
    size += piece.length;
    if (size - told >= TELL_BYTES && size - start > LAG_BYTES) {
      follower.postMessage({ op: 'grew', id: hashId, size: size - LAG_BYTES });
      told = size;
    }
  });
  body.once('end', () => finish(false));
  body.once('error', () => finish(true));
  body.once('close', () => finish(!body.complete && body.readableEnded !== true));
  return finish;
}

/** Opens a partial file for appending; answers its descriptor and where it ends, or the error. */
function openPartial(path) {
  let fd;
  try {
    fd = fs.openSync(path, 'a');
    return { fd, start: fs.fstatSync(fd).size };
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    return { error: e.message };
  }
}

/** Appends a PUT's body to the partial file from its end, which the app found at 'offset'. */
function land(rid, r, a) {
  // Every 'land' is answered by exactly one 'landed': the app holds the partial file for it until then.
  if (!r) return parentPort.postMessage({ op: 'landed', rid, start: a.offset, size: a.offset, cut: true });
  const opened = openPartial(a.path);
  if (opened.error) return parentPort.postMessage({ op: 'landed', rid, start: 0, size: 0, cut: false, error: opened.error });
  if (opened.start !== a.offset) {
    fs.closeSync(opened.fd);
    return parentPort.postMessage({ op: 'landed', rid, start: opened.start, size: opened.start, cut: false });
  }
  const finish = appendBody(r.req, opened.fd, a.path, opened.start, a.size, 's' + rid, (l) => parentPort.postMessage({ op: 'landed', rid, ...l }));
  r.onGone = () => finish(true);
}

/**
 * A child's pull: asks its parent's byte server for an object from where the partial file ends and
 * appends the body as a PUT's is. Answers 'fetched' once: the parent's refusal (status and text),
 * or the offer it sent and what the file now holds.
 */
function fetchInto(m) {
  const done = (result) => {
    fetches.delete(m.fid);
    parentPort.postMessage({ op: 'fetched', fid: m.fid, ...result });
  };
  const opened = openPartial(m.path);
  if (opened.error) return done({ error: opened.error });
  const url = new URL(m.url);
  url.searchParams.set('offset', String(opened.start));
  const tls = url.protocol === 'https:';
  const req = (tls ? https : http).request(url, { method: 'GET', headers: m.headers, agent: tls ? httpsAgent : httpAgent });
  const f = { req, closeFile: () => fs.closeSync(opened.fd), landing: undefined };
  fetches.set(m.fid, f);
  let answered = false;
  const fail = (e) => {
    if (answered) return;
    answered = true;
    if (f.landing) return f.landing(true);
    f.closeFile();
    done({ error: e.message, start: opened.start });
  };
  req.setTimeout(idleMs, () => req.destroy(new Error('no byte moved for ' + idleMs / 1000 + ' s from ' + url.origin)));
  req.on('error', fail);
  req.on('response', (res) => {
    if (res.statusCode !== 200) {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c.length + text.length > 4096 ? '' : c));
      res.on('end', () => {
        answered = true;
        f.closeFile();
        done({ status: res.statusCode, text, start: opened.start });
      });
      res.on('error', fail);
      return;
    }
    const offer = pick(res.headers['x-syn-media-offer']);
    const offset = Number(res.headers['x-syn-media-offset']);
    let size = NaN;
    try {
      size = Number(JSON.parse(Buffer.from(offer || '', 'base64url').toString('utf8')).size);
    } catch (_) {}
    const refuse = (error, tooLong) => {
      answered = true;
      res.destroy();
      f.closeFile();
      done({ status: 200, offer, error, tooLong, start: opened.start });
    };
    if (!Number.isSafeInteger(size)) return refuse('the parent sent media without naming its size');
    if (size > m.maxBytes) return refuse('media of ' + size + ' bytes is over every kind\'s limit');
    // A partial file longer than the object: the app drops it and pulls again from 0.
    if (opened.start > size) return refuse('the partial file of ' + opened.start + ' bytes is longer than the object', true);
    if (offset !== opened.start) return refuse('the parent started at ' + offset + ', not at ' + opened.start);
    f.landing = appendBody(res, opened.fd, m.path, opened.start, size, 'f' + m.fid, (l) => {
      answered = true;
      done({ status: 200, offer, ...l });
    });
  });
  req.end();
}

/** Sends 'length' bytes of a local file from 'offset', through a few reused buffers, at most 'bytesPerSecond'. */
async function sendFile(r, a) {
  const { res } = r;
  res.writeHead(a.status, a.headers);
  const closed = once(res, 'close').then(() => undefined);
  let fh;
  const slots = [];
  try {
    fh = await fs.promises.open(a.path, 'r');
    for (let i = 0; i < SEND_SLOTS; i++) slots.push({ buf: Buffer.allocUnsafe(a.readBytes), taken: Promise.resolve() });
    const began = performance.now();
    const end = a.offset + a.length;
    let at = a.offset;
    let sent = 0;
    for (let turn = 0; at < end; turn = (turn + 1) % SEND_SLOTS) {
      const slot = slots[turn];
      await slot.taken;
      if (res.destroyed) throw new Error('the connection closed');
      const { bytesRead } = await fh.read(slot.buf, 0, Math.min(slot.buf.length, end - at), at);
      if (bytesRead === 0) throw new Error('the file ended at ' + at + ' of ' + end + ' bytes');
      at += bytesRead;
      if (a.bytesPerSecond > 0) {
        const due = ((sent + bytesRead) / a.bytesPerSecond) * 1000 - (performance.now() - began);
        if (due > 0) await new Promise((ok) => setTimeout(ok, due));
      }
      sent += bytesRead;
      slot.taken = Promise.race([new Promise((ok) => res.write(slot.buf.subarray(0, bytesRead), () => ok())), closed]);
      if (res.writableNeedDrain) await Promise.race([once(res, 'drain'), closed]);
    }
    res.end();
  } catch (e) {
    // A child that hung up resumes from its partial file; one the file failed resumes the same way.
    res.destroy();
  } finally {
    await Promise.all(slots.map((s) => s.taken));
    if (fh) await fh.close();
  }
}

parentPort.on('message', (m) => {
  if (m.op === 'listen') return server.listen(m.port, m.host, () => parentPort.postMessage({ op: 'listening', port: server.address().port }));
  if (m.op === 'fetch') return fetchInto(m);
  if (m.op === 'stop-fetch') {
    const f = fetches.get(m.fid);
    if (f) f.req.destroy(new Error('the pull was stopped'));
    return;
  }
  const r = requests.get(m.rid);
  if (m.op === 'land') return land(m.rid, r, m);
  if (!r) return;
  switch (m.op) {
    case 'reply':
      requests.delete(m.rid);
      return json(r.res, m.status, m.body, m.close);
    case 'send-file':
      requests.delete(m.rid);
      return void sendFile(r, m);
    case 'send-pumped':
      r.res.writeHead(m.status, m.headers);
      return;
    case 'piece':
      if (r.res.destroyed) return;
      r.res.write(Buffer.from(m.buf.buffer, m.buf.byteOffset, m.buf.byteLength), () => parentPort.postMessage({ op: 'taken', rid: m.rid }));
      return;
    case 'end':
      requests.delete(m.rid);
      r.res.end();
      return;
    case 'abort':
      requests.delete(m.rid);
      r.res.destroy();
      return;
  }
});
`;
