import { fetchEventSource, EventStreamContentType } from '@microsoft/fetch-event-source';
import { useEffect, useRef, useState } from 'react';
import { currentAccessToken, refreshSession } from '../services/token-refresh';

export type LiveState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LiveEvent<T = unknown> {
  id: string;
  event: string;
  data: T;
}

/**
 * True for the `ready` frame of a stream that starts from now (no Last-Event-ID: the first connect, or a
 * retry before any event came). A change committed between the page's own read and that moment is in
 * no event the stream will send, so a page showing server data reads it again; a replay needs nothing.
 */
export function startsFresh(e: LiveEvent): boolean {
  return e.event === 'ready' && !(e.data as { replay?: boolean } | null)?.replay;
}

class RetriableError extends Error {}
class FatalError extends Error {}

/**
 * Follows a center's live stream (GET /api/v1/centers/:center/live-feed, server-sent events).
 * The token goes in the Authorization header, never the URL; fetch-event-source resends the last
 * event id as Last-Event-ID when it reconnects, so the server can replay what was missed.
 * Reconnects with back-off (1 s doubling to 30 s); a 401 refreshes the session first; a 403/404
 * stops (the route is not served here or not for this role).
 * Pass `enabled: false` (e.g. !access.canLiveFeed) to not connect at all.
 */
export function useLiveFeed<T = unknown>(
  center: string | undefined,
  onEvent: (e: LiveEvent<T>) => void,
  options: { enabled?: boolean; path?: string } = {},
): LiveState {
  const [state, setState] = useState<LiveState>('closed');
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  const enabled = options.enabled ?? true;
  const path = options.path ?? (center ? `/api/v1/centers/${center}/live-feed` : undefined);

  useEffect(() => {
    if (!enabled || !path) return;
    const ctrl = new AbortController();
    let delay = 1000;
    setState('connecting');
    const headers = async (): Promise<Record<string, string>> => {
      const t = await currentAccessToken();
      return t ? { Authorization: `Bearer ${t}` } : {};
    };
    void fetchEventSource(path, {
      signal: ctrl.signal,
      openWhenHidden: true,
      // The library copies `headers` once for all reconnects; setting the token per fetch uses
      // the refreshed one after a reconnect.
      fetch: async (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...(await headers()) } }),
      async onopen(res) {
        if (res.ok && res.headers.get('content-type')?.startsWith(EventStreamContentType)) {
          delay = 1000;
          setState('open');
          return;
        }
        if (res.status === 401 && (await refreshSession())) throw new RetriableError('token refreshed');
        if (res.status >= 400 && res.status < 500 && res.status !== 429) throw new FatalError(`live feed answered ${res.status}`);
        throw new RetriableError(`live feed answered ${res.status}`);
      },
      onmessage(m) {
        if (!m.data) return;
        let data: unknown = m.data;
        try {
          data = JSON.parse(m.data);
        } catch {
          /* plain-text event */
        }
        handler.current({ id: m.id, event: m.event || 'message', data: data as T });
      },
      onclose() {
        throw new RetriableError('live feed closed');
      },
      onerror(err) {
        if (err instanceof FatalError) throw err;
        setState('reconnecting');
        const wait = delay;
        delay = Math.min(delay * 2, 30_000);
        return wait;
      },
    }).catch(() => setState('closed'));
    return () => {
      ctrl.abort();
      setState('closed');
    };
  }, [enabled, path]);

  return state;
}
