import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';

/**
 * An app's module tree validates the env while it is built, that is when its module file is imported.
 * The migration check only reads those trees; it never connects or listens with these values, so they
 * only have to pass validation. Import this before any app module.
 */
Object.assign(process.env, {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/unused_by_check_migrations',
  NETWORK_FILE: resolve(__dirname, '../../../deploy/network/jiangxi.json'),
  HOSTED_CENTERS: '360702',
  AUTH_TOKEN_SECRET: randomBytes(32).toString('hex'),
  GRPC_SHARED_SECRET: randomBytes(16).toString('hex'),
});
