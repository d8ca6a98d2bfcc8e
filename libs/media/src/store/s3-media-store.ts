import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, NotFound, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { sha256OfFile } from './hash-file';
import { ByteRange, MediaStore } from './media-store';

/**
 * An S3-compatible object store (MinIO, Ceph RGW, a cloud's): key = `media/<sha256>`. Uploads go
 * through lib-storage's multipart Upload so a 4 GB video streams in parts of a few MB.
 */
export class S3MediaStore implements MediaStore {
  readonly kind = 's3' as const;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  localPath(): undefined {
    return undefined;
  }

  private key(sha256: string): string {
    return `media/${sha256}`;
  }

  async sizeOf(sha256: string): Promise<number | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
      return head.ContentLength ?? 0;
    } catch (e) {
      if (
        e instanceof NotFound ||
        (e as { name?: string }).name === 'NotFound' ||
        (e as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404
      )
        return null;
      throw e;
    }
  }

  async putFile(sha256: string, path: string, hashedSize?: number): Promise<void> {
    const actual = hashedSize === undefined ? await sha256OfFile(path) : { sha256, size: hashedSize };
    if (actual.sha256 !== sha256) {
      await rm(path, { force: true });
      throw new Error(`media ${sha256}: the file hashes to ${actual.sha256}; not stored`);
    }
    if ((await this.sizeOf(sha256)) !== actual.size) {
      const upload = new Upload({
        client: this.client,
        // The hash was checked above; a whole-object ChecksumSHA256 does not fit multipart parts.
        params: { Bucket: this.bucket, Key: this.key(sha256), Body: createReadStream(path) },
        partSize: 8 * 1024 * 1024,
        queueSize: 2,
      });
      await upload.done();
    }
    await rm(path, { force: true });
  }

  async read(sha256: string, range?: ByteRange): Promise<Readable> {
    const out = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: this.key(sha256), Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
    );
    if (!(out.Body instanceof Readable)) throw new Error(`media ${sha256}: the object store answered without a body stream`);
    return out.Body;
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: this.key(sha256) }));
  }
}
