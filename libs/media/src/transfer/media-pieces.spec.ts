import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { LocalMediaStore } from '../store/local-media-store';
import type { MediaStore } from '../store/media-store';
import { mediaPieces } from './media-pieces';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** What a consumer that honours the contract sees: each piece copied before the next is asked for. */
async function collect(pieces: AsyncIterable<Buffer>): Promise<{ bytes: Buffer; sizes: number[] }> {
  const copies: Buffer[] = [];
  for await (const p of pieces) copies.push(Buffer.from(p));
  return { bytes: Buffer.concat(copies), sizes: copies.map((c) => c.length) };
}

describe('mediaPieces', () => {
  const bytes = randomBytes(10 * 1000 + 7);
  const h = sha(bytes);

  it('reads a local object from an offset in pieces of the chunk size, read ahead into two buffers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'media-pieces-'));
    const store = new LocalMediaStore(dir);
    const scratch = join(dir, 'x.upload');
    writeFileSync(scratch, bytes);
    await store.putFile(h, scratch);

    const all = await collect(mediaPieces(store, h, 0, bytes.length, 4096));
    expect(all.bytes.equals(bytes)).toBe(true);
    expect(all.sizes).toEqual([4096, 4096, 10 * 1000 + 7 - 8192]);
    expect((await collect(mediaPieces(store, h, 5000, bytes.length, 4096))).bytes.equals(bytes.subarray(5000))).toBe(true);
    expect((await collect(mediaPieces(store, h, bytes.length, bytes.length, 4096))).sizes).toEqual([]);

    // A consumer that stops early (the parent answered) leaves no read behind.
    for await (const p of mediaPieces(store, h, 0, bytes.length, 1024)) if (p.length > 0) break;
  });

  it('cuts a streamed (S3) body to the chunk size', async () => {
    const store = {
      localPath: () => undefined,
      read: async (_: string, r: { start: number; end: number }) => Readable.from([bytes.subarray(r.start, 3000), bytes.subarray(3000, r.end + 1)]),
    } as unknown as MediaStore;
    const all = await collect(mediaPieces(store, h, 100, bytes.length, 4096));
    expect(all.bytes.equals(bytes.subarray(100))).toBe(true);
    expect(all.sizes).toEqual([4096, 4096, bytes.length - 100 - 8192]);
  });
});
