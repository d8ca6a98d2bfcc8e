import type { Session } from './types';
import { sessionStore } from './session-store';

let inFlight: Promise<boolean> | null = null;

/** Stores a session from login or refresh; expiresIn is in seconds. */
export function storeSession(s: Session, center: string): void {
  sessionStore.set({ accessToken: s.accessToken, refreshToken: s.refreshToken, expiresAt: Date.now() + s.expiresIn * 1000, center });
}

/**
 * Trades the refresh token for a new pair. One at a time: the server voids a refresh token on use
 * and treats a second use as theft (ending every session), so concurrent callers share one call.
 */
export function refreshSession(): Promise<boolean> {
  const s = sessionStore.get();
  if (!s) return Promise.resolve(false);
  inFlight ??= (async () => {
    try {
      const res = await fetch('/api/v1/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken: s.refreshToken }),
      });
      if (!res.ok) {
        if (res.status === 401) sessionStore.set(null);
        return false;
      }
      storeSession((await res.json()) as Session, s.center);
      return true;
    } catch {
      return false;
    } finally {
      inFlight = null;
    }
  })();
  return inFlight;
}

/** How early before expiry a token is refreshed: a fifth of its life, at least a second, at most a minute. */
function earlyMs(lifeMs: number): number {
  return Math.min(60_000, Math.max(1_000, lifeMs / 5));
}

/** Refreshes a little before the access token expires (see earlyMs). */
export function startRefreshTimer(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const plan = () => {
    clearTimeout(timer);
    const s = sessionStore.get();
    if (!s) return;
    const life = s.expiresAt - Date.now();
    timer = setTimeout(() => void refreshSession(), Math.max(0, life - earlyMs(life)));
  };
  plan();
  const unsubscribe = sessionStore.subscribe(plan);
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}

/** A token with less life than this left is refreshed before a request: it could expire on the way on a busy machine. */
const PREFLIGHT_MS = 3_000;

/**
 * The access token to send now. One about to expire is refreshed first: the
 * timer is late whenever the tab was asleep or the machine busy, and a request sent with a token
 * that expires on its way meets a 401 and a retry (and a failed request in the console) for
 * nothing. Whoever calls this still handles a 401 as before; a refresh that fails leaves it to that.
 */
export async function currentAccessToken(): Promise<string | undefined> {
  const s = sessionStore.get();
  if (s && s.expiresAt - Date.now() < PREFLIGHT_MS) await refreshSession();
  return sessionStore.get()?.accessToken;
}
