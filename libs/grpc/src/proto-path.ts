import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** proto/ sits at the repo root; compiled code runs from dist/, so look upward for it. */
export function protoRoot(): string {
  for (let dir = __dirname; dir !== resolve(dir, '..'); dir = resolve(dir, '..')) {
    if (existsSync(join(dir, 'proto', 'syndication'))) return join(dir, 'proto');
  }
  throw new Error('proto/ directory not found above ' + __dirname);
}

export const STORY_POOL_PROTO = 'syndication/v1/story_pool.proto';
export const RECONCILIATION_PROTO = 'syndication/v1/reconciliation.proto';
export const MEDIA_TRANSFER_PROTO = 'syndication/v1/media_transfer.proto';
export const SYNDICATION_PACKAGE = 'syndication.v1';
