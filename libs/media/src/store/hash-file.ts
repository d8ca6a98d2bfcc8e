import { createHash, Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';

/** SHA-256 of a file, streamed: a 4 GB video never sits in memory. */
export async function sha256OfFile(path: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(createReadStream(path, { highWaterMark: 1024 * 1024 }), async function* (chunks: AsyncIterable<Buffer>) {
    for await (const c of chunks) {
      size += c.length;
      hash.update(c);
    }
    yield* [];
  });
  return { sha256: hash.digest('hex'), size };
}

/** Feeds a file's bytes into a running hash: a resumed transfer's prefix, read once at the resume. */
export async function hashFileInto(hash: Hash, path: string): Promise<number> {
  let size = 0;
  for await (const c of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    size += c.length;
    hash.update(c);
  }
  return size;
}
