/**
 * The landing thread's program. It is plain JavaScript run from this string (`eval: true`), so the
 * built apps and the TypeScript tests start the same code with no separate build step for it.
 *
 * Per partial file it owns the descriptor and the running SHA-256: `open` hashes the bytes already
 * there (a resumed transfer) and keeps the file's shared ring, `write` appends and hashes a span of
 * the ring, `close` optionally fsyncs and answers the size and the digest. Errors are answered per
 * file; a failed file takes no more writes.
 */
export const LANDING_THREAD_PROGRAM = String.raw`
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const READ_BYTES = 1024 * 1024;
const files = new Map();

function failed(id, e) {
  const f = files.get(id);
  files.delete(id);
  if (f) { try { fs.closeSync(f.fd); } catch (_) {} }
  parentPort.postMessage({ id, op: 'failed', message: String((e && e.message) || e) });
}

parentPort.on('message', (m) => {
  try {
    if (m.op === 'open') {
      const fd = fs.openSync(m.path, 'a+');
      files.set(m.id, { fd, hash: createHash('sha256'), size: 0, ring: Buffer.from(m.ring) });
      const f = files.get(m.id);
      const size = fs.fstatSync(fd).size;
      const buf = Buffer.allocUnsafe(Math.min(READ_BYTES, Math.max(size, 1)));
      while (f.size < size) {
        const n = fs.readSync(fd, buf, 0, Math.min(buf.length, size - f.size), f.size);
        if (n === 0) break;
        f.hash.update(buf.subarray(0, n));
        f.size += n;
      }
      parentPort.postMessage({ id: m.id, op: 'opened', size: f.size });
    } else if (m.op === 'write') {
      const f = files.get(m.id);
      if (!f) return;
      const b = f.ring.subarray(m.at, m.at + m.bytes);
      for (let off = 0; off < b.length; ) off += fs.writeSync(f.fd, b, off, b.length - off);
      f.hash.update(b);
      f.size += b.length;
      parentPort.postMessage({ id: m.id, op: 'written', bytes: b.length });
    } else if (m.op === 'close') {
      const f = files.get(m.id);
      if (!f) return parentPort.postMessage({ id: m.id, op: 'failed', message: 'the file was not open' });
      files.delete(m.id);
      try {
        if (m.sync) fs.fsyncSync(f.fd);
      } finally {
        fs.closeSync(f.fd);
      }
      parentPort.postMessage({ id: m.id, op: 'closed', size: f.size, sha256: f.hash.digest('hex') });
    }
  } catch (e) {
    failed(m.id, e);
  }
});
`;
