import type { Readable } from 'node:stream';

export interface ByteRange {
  start: number;
  /** inclusive, as in HTTP */
  end: number;
}

/**
 * Where a center keeps media bytes, addressed by their SHA-256: the same bytes are stored once
 * whichever story, center or rendition names them. Writes always come from a file in the app's
 * scratch folder whose hash the caller computed while streaming it in; the store checks it again.
 */
export interface MediaStore {
  readonly kind: 'local' | 's3';
  /** The stored size, or null when the object is not here. */
  sizeOf(sha256: string): Promise<number | null>;
  /**
   * Moves (local) or uploads (s3) a scratch file into the store under its hash; the file is gone
   * afterwards. The store hashes the file itself unless the caller says it has just hashed this
   * very file (`hashedSize`), so a gigabyte is read once, not twice.
   */
  putFile(sha256: string, path: string, hashedSize?: number): Promise<void>;
  /**
   * `highWaterMark` asks a local file for reads of that size (a transfer reads 1 MB at a time, not
   * the default 64 KB); an S3 body streams as the SDK delivers it.
   */
  read(sha256: string, range?: ByteRange, opts?: { highWaterMark?: number }): Promise<Readable>;
  delete(sha256: string): Promise<void>;
  /** A path to hand to `res.sendFile` (Range for free), when the bytes are a local file. */
  localPath(sha256: string): string | undefined;
}

export const MEDIA_STORE = Symbol('MediaStore');
