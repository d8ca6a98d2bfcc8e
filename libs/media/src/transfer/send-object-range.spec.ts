import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { MediaStore } from '../store/media-store';
import { sendObjectRange } from './send-object-range';

/** A sink that takes its time, so the sender's buffers are reused while earlier pieces are still queued. */
function slowSink(): { out: Writable; bytes: () => Buffer } {
  const parts: Buffer[] = [];
  const out = new Writable({
    highWaterMark: 64 * 1024,
    write(chunk: Buffer, _enc, done) {
      // A copy: the sender may reuse its buffer once this callback ran.
      parts.push(Buffer.from(chunk));
      setImmediate(done);
    },
  });
  return { out, bytes: () => Buffer.concat(parts) };
}

describe('sendObjectRange', () => {
  const dir = mkdtempSync(join(tmpdir(), 'send-range-'));
  const data = randomBytes(5 * 1024 * 1024 + 333);
  const path = join(dir, 'object');
  writeFileSync(path, data);
  const store = { localPath: () => path } as unknown as MediaStore;

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes exactly the range asked for, byte for byte, through reused buffers, and ends the stream', async () => {
    const sink = slowSink();
    const finished = new Promise((r) => sink.out.on('finish', r));
    await sendObjectRange(store, 'x', 1000, data.length - 1000, sink.out, { bytesPerSecond: 0, readBytes: 256 * 1024 });
    await finished;
    expect(sink.bytes().equals(data.subarray(1000))).toBe(true);
  });

  it('keeps to a capped rate and reports progress', async () => {
    const sink = new PassThrough();
    sink.resume();
    const seen: number[] = [];
    const t0 = performance.now();
    await sendObjectRange(store, 'x', 0, 600 * 1024, sink, { bytesPerSecond: 2 * 1024 * 1024, readBytes: 64 * 1024, onProgress: (n) => seen.push(n) });
    // 600 KB at 2 MB/s: about 0.3 s, never much less.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(250);
    expect(seen.at(-1)).toBe(600 * 1024);
  });

  it('stops between pieces when aborted, so a stopping app does not wait for a gigabyte', async () => {
    const sink = new PassThrough();
    sink.resume();
    const stop = new AbortController();
    stop.abort();
    await expect(sendObjectRange(store, 'x', 0, data.length, sink, { bytesPerSecond: 0, readBytes: 64 * 1024, signal: stop.signal })).rejects.toThrow(
      /stopped/,
    );
  });
});
