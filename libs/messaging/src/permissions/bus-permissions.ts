import { STREAM_NAME, SUBJECT_ROOT } from '@syn/contracts';
import type { CenterDirectory } from '@syn/network';
import { consumerName } from '../jetstream/syn-stream.config';

export interface BusPermissions {
  publish: string[];
  subscribe: string[];
}

/** Each NATS user gets its own reply inbox, so no one can read another's acks or pulled messages. */
export function natsInboxPrefix(user: string): string {
  return `_INBOX_${user.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

/**
 * What one app process may do on the bus, as the union over the centers it hosts:
 * - publish events only as itself: `syn.up.<its parent>.<it>.>` and `syn.down.<it>.<each child>.>`;
 * - read only its own durable consumers (`<center>-from-children`, `<center>-from-parent`), which
 *   provisioning created with the right filters; it may not create or change consumers, since a
 *   consumer's filter is in the request body where subject permissions cannot see it;
 * - subscribe only to its own inbox and to subjects addressed to its centers.
 * No stream or consumer administration, no direct message gets.
 *
 * With `jsDomain` (a county site behind a leaf node, docs/cluster.md) the same API calls are also
 * allowed under the domain's prefix, `$JS.<domain>.API.…`, which is how they leave the leaf.
 */
export function busPermissionsFor(directory: CenterDirectory, centers: readonly string[], user: string, jsDomain?: string): BusPermissions {
  const publish = new Set<string>([`$JS.API.INFO`, `$JS.API.STREAM.INFO.${STREAM_NAME}`]);
  const subscribe = new Set<string>([`${natsInboxPrefix(user)}.>`]);
  for (const code of centers) {
    const center = directory.get(code);
    if (center.parent) {
      publish.add(`${SUBJECT_ROOT}.up.${center.parent}.${code}.>`);
      subscribe.add(`${SUBJECT_ROOT}.down.${center.parent}.${code}.>`);
    }
    for (const child of directory.childrenOf(code)) publish.add(`${SUBJECT_ROOT}.down.${code}.${child.code}.>`);
    subscribe.add(`${SUBJECT_ROOT}.up.${code}.>`);
    for (const direction of ['up', 'down'] as const) {
      const name = consumerName(code, direction);
      publish.add(`$JS.API.CONSUMER.INFO.${STREAM_NAME}.${name}`);
      publish.add(`$JS.API.CONSUMER.MSG.NEXT.${STREAM_NAME}.${name}`);
      publish.add(`$JS.ACK.${STREAM_NAME}.${name}.>`);
    }
  }
  if (jsDomain) for (const s of [...publish]) if (s.startsWith('$JS.API.')) publish.add(`$JS.${jsDomain}.API.${s.slice('$JS.API.'.length)}`);
  return { publish: [...publish], subscribe: [...subscribe] };
}
