import type { Principal } from './principal';

/**
 * Looks up, on every request, whether the account behind an `account` token may still act: it
 * exists, is not disabled, has the role the token claims and has not changed its password since
 * the token was issued. Provided by libs/accounts; without it only token validity is checked.
 */
export interface AccountStatusChecker {
  /** null when the account may act, else why not (shown to the caller with 401). */
  refusal(p: Principal): Promise<string | null>;
}

export const ACCOUNT_STATUS = Symbol('ACCOUNT_STATUS');
