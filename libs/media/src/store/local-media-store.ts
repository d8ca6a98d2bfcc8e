import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { sha256OfFile } from './hash-file';
import { ByteRange, MediaStore } from './media-store';

/**
 * The embedded default: `<dir>/objects/ab/<sha256>`. A file arrives by rename from the same disk
 * after an fsync, so a crash leaves either the whole object or none; the hash is checked before the
 * rename, so a stored name always matches its bytes.
 */
export class LocalMediaStore implements MediaStore {
  readonly kind = 'local' as const;
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir, 'objects');
  }

  localPath(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async sizeOf(sha256: string): Promise<number | null> {
    try {
      return (await stat(this.localPath(sha256))).size;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async putFile(sha256: string, path: string, hashedSize?: number): Promise<void> {
    const actual = hashedSize === undefined ? await sha256OfFile(path) : { sha256, size: hashedSize };
    if (actual.sha256 !== sha256) {
      await rm(path, { force: true });
      throw new Error(`media ${sha256}: the file hashes to ${actual.sha256}; not stored`);
    }
    const target = this.localPath(sha256);
    if ((await this.sizeOf(sha256)) === actual.size) {
      await rm(path, { force: true });
      return;
    }
    await mkdir(dirname(target), { recursive: true });
    const fh = await open(path, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
    await rename(path, target);
    // The rename itself is durable only once the directory entry is.
    const dh = await open(dirname(target), 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }

  async read(sha256: string, range?: ByteRange, opts: { highWaterMark?: number } = {}): Promise<Readable> {
    return createReadStream(this.localPath(sha256), range ? { start: range.start, end: range.end, ...opts } : opts);
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.localPath(sha256), { force: true });
  }
}
