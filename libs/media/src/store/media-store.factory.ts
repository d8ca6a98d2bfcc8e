import { MediaEnv } from '../media-env';
import { LocalMediaStore } from './local-media-store';
import { MediaStore } from './media-store';

/** The store the environment names; S3 credentials fall back to the SDK's own chain when not given. */
export function mediaStoreFromEnv(env: MediaEnv): MediaStore {
  if (env.MEDIA_STORE === 'local') return new LocalMediaStore(env.MEDIA_DIR);
  // The SDK is required only here: ~1 MB of JavaScript that a start with a local store need not compile.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { S3Client } = require('@aws-sdk/client-s3') as typeof import('@aws-sdk/client-s3');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { S3MediaStore } = require('./s3-media-store') as typeof import('./s3-media-store');
  const client = new S3Client({
    region: env.MEDIA_S3_REGION,
    endpoint: env.MEDIA_S3_ENDPOINT || undefined,
    // MinIO and Ceph serve buckets under the path, not as subdomains.
    forcePathStyle: Boolean(env.MEDIA_S3_ENDPOINT),
    credentials:
      env.MEDIA_S3_ACCESS_KEY && env.MEDIA_S3_SECRET_KEY ? { accessKeyId: env.MEDIA_S3_ACCESS_KEY, secretAccessKey: env.MEDIA_S3_SECRET_KEY } : undefined,
  });
  return new S3MediaStore(client, env.MEDIA_S3_BUCKET!);
}
