import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { LocalMediaStore } from './local-media-store';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('LocalMediaStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'media-store-'));
  const store = new LocalMediaStore(dir);
  const scratch = (name: string, content: Buffer) => {
    const p = join(dir, name);
    writeFileSync(p, content);
    return p;
  };

  it('stores bytes under their hash, once, and reads them back whole or by range', async () => {
    const bytes = Buffer.from('洪水现场照片的字节 0123456789');
    const h = sha(bytes);
    const first = scratch('a.upload', bytes);
    await store.putFile(h, first);
    expect(existsSync(first)).toBe(false);
    expect(readFileSync(store.localPath(h))).toEqual(bytes);
    const second = scratch('b.upload', bytes);
    await store.putFile(h, second);
    expect(existsSync(second)).toBe(false);
    expect(await store.sizeOf(h)).toBe(bytes.length);
    expect(await text(await store.read(h, { start: bytes.length - 10, end: bytes.length - 1 }))).toBe('0123456789');
  });

  it('refuses a file whose bytes do not match the name it is to be stored under', async () => {
    const p = scratch('c.upload', Buffer.from('one thing'));
    const claimed = sha(Buffer.from('another thing'));
    await expect(store.putFile(claimed, p)).rejects.toThrow(`media ${claimed}: the file hashes to`);
    expect(await store.sizeOf(claimed)).toBeNull();
    expect(existsSync(p)).toBe(false);
  });

  it('deletes, and deleting what is gone is no error', async () => {
    const bytes = Buffer.from('to be taken down');
    const h = sha(bytes);
    await store.putFile(h, scratch('d.upload', bytes));
    await store.delete(h);
    await store.delete(h);
    expect(await store.sizeOf(h)).toBeNull();
  });
});
