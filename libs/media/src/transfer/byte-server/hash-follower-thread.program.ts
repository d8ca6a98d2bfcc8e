/**
 * The hash follower's program: plain JavaScript run from this string (`eval: true`) by the byte
 * server's thread, so built apps and TypeScript tests start the same code with no build step for it.
 *
 * The byte server appends a transfer's bytes to its partial file itself; this thread reads them
 * back behind it (from the page cache) and keeps the running SHA-256, on the other core: hashing
 * on the receiving thread cost as much as the socket and the disk together. Per file: `open`
 * hashes the bytes already there (a resumed transfer) up to `size`, `grew` hashes up to the new
 * `size`, `close` finishes at `size` and answers the digest. Errors are answered per file.
 */
export const HASH_FOLLOWER_THREAD_PROGRAM = String.raw`
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const fs = require('node:fs');
const buf = Buffer.allocUnsafe(1024 * 1024);
const files = new Map();

function upTo(f, size) {
  while (f.done < size) {
    const n = fs.readSync(f.fd, buf, 0, Math.min(buf.length, size - f.done), f.done);
    if (n === 0) throw new Error('the file ended at ' + f.done + ' of ' + size + ' bytes');
    f.hash.update(buf.subarray(0, n));
    f.done += n;
  }
}

parentPort.on('message', (m) => {
  const f = files.get(m.id);
  try {
    if (m.op === 'open') {
      const opened = { fd: fs.openSync(m.path, 'r'), hash: createHash('sha256'), done: 0 };
      files.set(m.id, opened);
      upTo(opened, m.size);
    } else if (m.op === 'grew') {
      if (f) upTo(f, m.size);
    } else if (m.op === 'close') {
      if (!f) return parentPort.postMessage({ id: m.id, op: 'failed', message: 'the file was not open' });
      files.delete(m.id);
      try {
        upTo(f, m.size);
      } finally {
        fs.closeSync(f.fd);
      }
      parentPort.postMessage({ id: m.id, op: 'digest', sha256: f.hash.digest('hex') });
    }
  } catch (e) {
    const open = files.get(m.id);
    files.delete(m.id);
    if (open) { try { fs.closeSync(open.fd); } catch (_) {} }
    parentPort.postMessage({ id: m.id, op: 'failed', message: String((e && e.message) || e) });
  }
});
`;
