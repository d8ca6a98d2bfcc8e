import { decodeError, ApiError } from './api-error';
import { sessionStore } from './session-store';
import { currentAccessToken, refreshSession } from './token-refresh';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  /** Added to the URL; undefined and empty values are left out. */
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** false for the public routes (login, refresh, centers): no token, no refresh on 401. */
  auth?: boolean;
}

function url(path: string, query?: RequestOptions['query']): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

async function send(path: string, o: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (o.body !== undefined) headers['Content-Type'] = 'application/json';
  const token = o.auth === false ? undefined : await currentAccessToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  try {
    return await fetch(url(path, o.query), {
      method: o.method ?? 'GET',
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      signal: o.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, e instanceof Error ? e.message : String(e), 'network', [], null);
  }
}

/**
 * The one way the desk calls the API: bearer token, JSON both ways, errors decoded into ApiError.
 * A 401 on an authenticated call refreshes the session once and retries, so an access token that
 * expired while the user was typing costs them nothing.
 */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  let res = await send(path, options);
  if (res.status === 401 && options.auth !== false && sessionStore.get()) {
    if (await refreshSession()) res = await send(path, options);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  if (!res.ok) {
    if (res.status === 401 && options.auth !== false) sessionStore.set(null);
    throw decodeError(res.status, body);
  }
  return body as T;
}
