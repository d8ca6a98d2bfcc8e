import { Metadata } from '@grpc/grpc-js';
import { currentRequestId, REQUEST_ID_HEADER } from '@syn/observability';
import { sign, verify } from 'node:crypto';
import { CenterKeyring } from './auth/center-keyring';
import { unauthenticated } from './grpc-errors';

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');
const GENERIC_AUDIENCE = 'syn-grpc';
const CLOCK_SKEW_SECONDS = 30;

interface Claims {
  iss: string;
  aud: string;
  iat: number;
  exp: number;
}

/**
 * Centers prove who they are on every gRPC call with a short-lived token in the call metadata,
 * signed (Ed25519) with the calling center's own private key and bound to the hub it calls, so a
 * hub cannot replay it elsewhere. The receiving hub verifies with the caller's public key and then
 * decides what that center may see from its place in the tree.
 */
export class CenterCredentials {
  private readonly keyring: CenterKeyring;

  /** A string is the development master secret (every key derived from it). */
  constructor(
    source: string | CenterKeyring,
    private readonly ttlSeconds = 60,
  ) {
    this.keyring = typeof source === 'string' ? CenterKeyring.derived(source) : source;
  }

  /** Metadata for a call made as `center` (a center this process hosts) to `audience` (the hub called). */
  metadataFor(center: string, audience = GENERIC_AUDIENCE): Metadata {
    const key = this.keyring.privateKeyOf(center);
    if (!key) throw new Error(`this process holds no gRPC key for center ${center}`);
    const now = Math.floor(Date.now() / 1000);
    const head = b64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT', kid: center }));
    const body = b64url(JSON.stringify({ iss: center, aud: audience, iat: now, exp: now + this.ttlSeconds } satisfies Claims));
    const sig = b64url(sign(null, Buffer.from(`${head}.${body}`), key));
    const md = new Metadata();
    md.set('authorization', `Bearer ${head}.${body}.${sig}`);
    // Every call is made here, so the hub's log lines for it carry the id of the request that caused it.
    const requestId = currentRequestId();
    if (requestId) md.set(REQUEST_ID_HEADER, requestId);
    return md;
  }

  /** The calling center, or UNAUTHENTICATED. With `audience`, the token must have been made for it. */
  callerOf(md: Metadata | undefined, audience?: string): string {
    const v = this.verify(md);
    if (audience !== undefined && v.audience !== audience) {
      throw unauthenticated(`invalid center credentials of ${v.center}: made for ${v.audience}, not for ${audience}`);
    }
    return v.center;
  }

  /** Checks the signature and lifetime; the caller checks the audience once it knows what was asked. */
  verify(md: Metadata | undefined): { center: string; audience: string } {
    const header = md?.get('authorization')?.[0];
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) throw unauthenticated('missing center credentials (authorization metadata)');
    const parts = token.split('.');
    if (parts.length !== 3) throw unauthenticated('invalid center credentials: not a signed token');
    const [head, body, sig] = parts as [string, string, string];
    let h: { alg?: unknown; kid?: unknown };
    let c: Partial<Claims>;
    try {
      h = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
      c = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      throw unauthenticated('invalid center credentials: unreadable token');
    }
    // The algorithm is fixed here, never taken from the token ("alg": "none" and friends).
    if (h.alg !== 'EdDSA' || typeof c.iss !== 'string' || !/^\d{6}$/.test(c.iss) || h.kid !== c.iss) {
      throw unauthenticated('invalid center credentials: wrong algorithm or no center');
    }
    const key = this.keyring.publicKeyOf(c.iss);
    if (!key) throw unauthenticated(`invalid center credentials: center ${c.iss} is unknown here`);
    if (!verify(null, Buffer.from(`${head}.${body}`), key, Buffer.from(sig, 'base64url'))) {
      throw unauthenticated(`invalid center credentials: signature does not match center ${c.iss}`);
    }
    const now = Math.floor(Date.now() / 1000);
    if (typeof c.exp !== 'number' || c.exp + CLOCK_SKEW_SECONDS < now || typeof c.iat !== 'number' || c.iat - CLOCK_SKEW_SECONDS > now) {
      throw unauthenticated(`invalid center credentials of ${c.iss}: expired or not yet valid`);
    }
    return { center: c.iss, audience: typeof c.aud === 'string' ? c.aud : '' };
  }
}
