import type { Role } from './roles';

/**
 * How the token was made: `account` tokens come from a password login and are checked against
 * the account on every request (disabled, password changed); `service` tokens are minted by an
 * operator holding AUTH_TOKEN_SECRET (demo, scripts, tests) and are trusted until they expire.
 */
export type TokenKind = 'account' | 'service';

/** Who is calling: taken from a verified desk token, never from the request body. */
export interface Principal {
  userId: string;
  name: string;
  role: Role;
  center: string;
  kind?: TokenKind;
  /** Seconds since the epoch, from the token's iat. */
  issuedAt?: number;
}
