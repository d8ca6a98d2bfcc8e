/** Field names whose values never reach a log line, whatever a caller passes. */
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|private.?key/i;
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s"]+):[^@\s"]+@/gi;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{16,}/g;

/**
 * Defence in depth for logs: secrets are kept out at the source, and this masks what slips
 * through (a field named like a secret, a password inside a URL, a bearer token in a message).
 */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(URL_CREDENTIALS, '$1:***@').replace(BEARER, '$1***');
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) && v !== undefined && v !== null ? '***' : redact(v, depth + 1);
  return out;
}
