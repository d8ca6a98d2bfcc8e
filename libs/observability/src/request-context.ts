import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** The header (HTTP), message header (NATS) and metadata key (gRPC) that carry a request id, lower-cased as HTTP/2 wants. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What a caller may send as its own id: printable, short, no spaces, so it is safe in a log line and a header. */
const ACCEPTABLE = /^[A-Za-z0-9._:@-]{1,128}$/;

interface RequestContext {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

/**
 * The id of the request this code runs for: set at the edge (an HTTP request, a consumed event,
 * a gRPC call) and read wherever a log line is written or a message leaves, without threading it
 * through every signature.
 */
export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}

/** Runs fn under requestId, or under none: work that no single request caused must not inherit a stale one. */
export function runWithRequestId<T>(requestId: string | undefined, fn: () => T): T {
  return requestId ? storage.run({ requestId }, fn) : storage.exit(fn);
}

/** The caller's id when it is a sane one, a new one otherwise: an id is never refused, only replaced. */
export function acceptRequestId(raw: unknown): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' && ACCEPTABLE.test(value) ? value : randomUUID();
}

/** A carried id (NATS header, gRPC metadata) if it is acceptable; nothing otherwise, so a forged value never reaches a log. */
export function carriedRequestId(raw: unknown): string | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return typeof value === 'string' && ACCEPTABLE.test(value) ? value : undefined;
}
