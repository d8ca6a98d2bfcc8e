import type { Server } from '@grpc/grpc-js';
import type { Http2Server, ServerHttp2Session } from 'node:http2';

/**
 * How many bytes a peer may send this server before it must wait for the server to read them, per
 * stream and per connection. HTTP/2 starts both at 64 KB, and grpc-js on the server side keeps that:
 * a 1 MB media message then needs sixteen window updates, each waiting for both event loops to turn,
 * so any pause on either side (a garbage collection, a hash, a query) stops the bytes. 8 MB keeps a
 * stream of media messages flowing through such pauses; it is also the most one connection can make
 * this app buffer, the size of the largest message the server accepts.
 */
export const GRPC_RECEIVE_WINDOW_BYTES = 8 * 1024 * 1024;

/**
 * Widens the receive windows of a bound grpc-js server's HTTP/2 listeners: the per-stream window
 * through the listeners' settings, the connection's through each new session. grpc-js has no option
 * for it and keeps its listeners to itself, so they are found by the field it keeps them in; the
 * answer is how many were found, and 0 (grpc-js changed) leaves the defaults, slower but correct.
 */
export function widenReceiveWindows(server: Server, bytes = GRPC_RECEIVE_WINDOW_BYTES): number {
  const listeners = (server as unknown as { http2Servers?: unknown }).http2Servers;
  if (!(listeners instanceof Map)) return 0;
  let widened = 0;
  for (const h2 of listeners.keys() as IterableIterator<Http2Server>) {
    if (typeof h2?.updateSettings !== 'function') continue;
    h2.updateSettings({ initialWindowSize: bytes });
    h2.on('session', (session: ServerHttp2Session) => session.setLocalWindowSize(bytes));
    widened++;
  }
  return widened;
}
