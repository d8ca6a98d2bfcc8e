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

/** Refreshes a little before the access token expires: a fifth of its life, at most a minute, early. */
export function startRefreshTimer(): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const plan = () => {
    clearTimeout(timer);
    const s = sessionStore.get();
    if (!s) return;
    const life = s.expiresAt - Date.now();
    const early = Math.min(60_000, Math.max(1_000, life / 5));
    timer = setTimeout(() => void refreshSession(), Math.max(0, life - early));
  };
  plan();
  const unsubscribe = sessionStore.subscribe(plan);
  return () => {
    clearTimeout(timer);
    unsubscribe();
  };
}
