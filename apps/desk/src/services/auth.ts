import { request } from './request';
import { sessionStore } from './session-store';
import { storeSession } from './token-refresh';
import type { CenterInfo, Me, Session } from './types';

/** The centers this app serves, for the sign-in page (public). */
export function listHostedCenters(): Promise<{ items: CenterInfo[] }> {
  return request('/api/v1/desk/centers', { auth: false });
}

export async function login(center: string, username: string, password: string): Promise<void> {
  const s = await request<Session>('/api/v1/auth/login', { method: 'POST', body: { center, username, password }, auth: false });
  storeSession(s, center);
}

export function fetchMe(): Promise<Me> {
  return request<Me>('/api/v1/auth/me');
}

/** Voids the refresh token on the server; the local session ends whatever the answer. */
export async function logout(): Promise<void> {
  const s = sessionStore.get();
  sessionStore.set(null);
  if (s) await request('/api/v1/auth/logout', { method: 'POST', body: { refreshToken: s.refreshToken }, auth: false }).catch(() => undefined);
}
