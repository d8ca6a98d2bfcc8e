import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { S3MediaStore } from './s3-media-store';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/**
 * Against a faked S3 client (aws-sdk-client-mock) holding objects in a Map; this suite does not
 * talk to a real object store (docs/media.md).
 */
describe('S3MediaStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 's3-store-'));
  const objects = new Map<string, Buffer>();
  const client = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
  const s3 = mockClient(client);
  const store = new S3MediaStore(client, 'media-bucket');

  beforeEach(() => {
    s3.reset();
    s3.on(HeadObjectCommand).callsFake((i: { Key: string }) => {
      const o = objects.get(i.Key);
      if (!o) throw Object.assign(new Error('NotFound'), { name: 'NotFound', $metadata: { httpStatusCode: 404 } });
      return { ContentLength: o.length };
    });
    s3.on(PutObjectCommand).callsFake(async (i: { Key: string; Body: Buffer | Readable }) => {
      const body = i.Body;
      if (Buffer.isBuffer(body) || body instanceof Uint8Array) objects.set(i.Key, Buffer.from(body));
      else {
        const parts: Buffer[] = [];
        for await (const c of body) parts.push(Buffer.from(c as Buffer));
        objects.set(i.Key, Buffer.concat(parts));
      }
      return { ETag: '"etag"' };
    });
    s3.on(GetObjectCommand).callsFake((i: { Key: string; Range?: string }) => {
      const o = objects.get(i.Key)!;
      const m = /^bytes=(\d+)-(\d+)$/.exec(i.Range ?? '');
      return { Body: Readable.from([m ? o.subarray(Number(m[1]), Number(m[2]) + 1) : o]) };
    });
    s3.on(DeleteObjectCommand).callsFake((i: { Key: string }) => {
      objects.delete(i.Key);
      return {};
    });
  });

  it('uploads under media/<sha256> once, reads by range, and deletes', async () => {
    const bytes = Buffer.from('视频片段 abcdefghij');
    const h = sha(bytes);
    const p = join(dir, 'x');
    writeFileSync(p, bytes);
    await store.putFile(h, p);
    expect(objects.get(`media/${h}`)).toEqual(bytes);
    writeFileSync(p, bytes);
    await store.putFile(h, p);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(1);
    expect(await store.sizeOf(h)).toBe(bytes.length);
    expect(await text(await store.read(h, { start: bytes.length - 10, end: bytes.length - 1 }))).toBe('abcdefghij');
    await store.delete(h);
    expect(await store.sizeOf(h)).toBeNull();
  });

  it('never uploads bytes that do not match their name', async () => {
    const p = join(dir, 'y');
    writeFileSync(p, 'one thing');
    const claimed = sha(Buffer.from('another'));
    await expect(store.putFile(claimed, p)).rejects.toThrow('the file hashes to');
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
  });
});
