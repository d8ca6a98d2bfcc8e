import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppEnv } from '@syn/config';
import { Principal, TokenKind } from './principal';
import { ROLES, Role } from './roles';

interface Claims {
  sub: string;
  name: string;
  role: Role;
  center: string;
  kind?: TokenKind;
  iat?: number;
  exp?: number;
}

/** Tokens remembered as verified; a desk has a few per user, a process a few hundred users. */
const VERIFIED_TOKENS = 2048;

/** Signs and verifies the short-lived desk tokens every HTTP request carries. */
@Injectable()
export class DeskTokenService {
  private readonly jwt: JwtService;
  /** Access tokens from a password login live this long (ACCESS_TOKEN_TTL_SECONDS); the refresh token renews them. */
  readonly accessTtlSeconds: number;
  /**
   * Tokens already verified, by their full text (signature included, so nothing else can match),
   * until they expire. Every request of an editor carries the same token, and verifying it again
   * (HMAC, base64, JSON, jsonwebtoken's claim checks) cost ~0.4 ms of CPU per request. What is
   * checked per request outside the token (the account's status, the route's roles) still is.
   */
  private readonly verified = new Map<string, { principal: Principal; expiresAtMs: number }>();

  constructor(env: AppEnv) {
    this.accessTtlSeconds = env.ACCESS_TOKEN_TTL_SECONDS ?? 15 * 60;
    // A KeyObject, not the string: given a string, jsonwebtoken first tries (and fails) to parse it
    // as a PEM public key on every call, which cost more CPU than the rest of a submit request.
    const key = createSecretKey(Buffer.from(env.AUTH_TOKEN_SECRET, 'utf8'));
    this.jwt = new JwtService({
      secretOrKeyProvider: () => key,
      signOptions: { algorithm: 'HS256', issuer: 'syndication' },
      verifyOptions: { algorithms: ['HS256'], issuer: 'syndication' },
    });
  }

  /** A service token (operators, demo, tests): not tied to an account, valid until it expires. */
  sign(p: Principal, ttlSeconds = 8 * 3600): string {
    const claims: Claims = { sub: p.userId, name: p.name, role: p.role, center: p.center };
    return this.jwt.sign(claims, { expiresIn: ttlSeconds });
  }

  /** An account's access token after login or refresh; checked against the account on every request. */
  signAccess(p: Principal): string {
    const claims: Claims = { sub: p.userId, name: p.name, role: p.role, center: p.center, kind: 'account' };
    return this.jwt.sign(claims, { expiresIn: this.accessTtlSeconds });
  }

  verify(token: string): Principal {
    const known = this.verified.get(token);
    if (known && known.expiresAtMs > Date.now()) return { ...known.principal };
    // Gone stale: verified again below, which answers "jwt expired".
    if (known) this.verified.delete(token);
    return this.verifyAfresh(token);
  }

  private verifyAfresh(token: string): Principal {
    let c: Claims;
    try {
      c = this.jwt.verify<Claims>(token);
    } catch (e) {
      // jsonwebtoken's messages ("jwt expired", "invalid signature") name no secret.
      throw new UnauthorizedException(`invalid token: ${(e as Error).message}`);
    }
    if (!ROLES.includes(c.role) || !/^\d{6}$/.test(c.center ?? '') || !c.sub) throw new UnauthorizedException('token lacks user, role or center');
    const principal: Principal = {
      userId: c.sub,
      name: c.name ?? c.sub,
      role: c.role,
      center: c.center,
      kind: c.kind === 'account' ? 'account' : 'service',
      issuedAt: c.iat,
    };
    if (typeof c.exp === 'number') {
      // The oldest entry makes room: a Map iterates in insertion order.
      if (this.verified.size >= VERIFIED_TOKENS) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { principal: { ...principal }, expiresAtMs: c.exp * 1000 });
    }
    return principal;
  }
}
