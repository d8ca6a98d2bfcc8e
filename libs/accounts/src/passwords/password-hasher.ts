import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** ~100 ms and 32 MiB per hash on one core: slow for a guesser, bearable for a login. */
const CURRENT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_BYTES = 32;
const SALT_BYTES = 16;

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_BYTES, { ...params, maxmem: 256 * params.N * params.r }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

/**
 * Passwords are stored as `scrypt$N$r$p$salt$key` (node's built-in scrypt, no native module). The
 * parameters travel with each hash so they can be raised later without breaking old ones.
 */
export class PasswordHasher {
  /** Made once, so a login for an unknown user costs the same as for a known one. */
  private readonly decoy = this.hash(randomBytes(12).toString('base64'));

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await derive(password, salt, CURRENT);
    return ['scrypt', CURRENT.N, CURRENT.r, CURRENT.p, salt.toString('base64'), key.toString('base64')].join('$');
  }

  async verify(password: string, stored: string): Promise<boolean> {
    const [scheme, n, r, p, salt, key] = stored.split('$');
    if (scheme !== 'scrypt' || !salt || !key) return false;
    const expected = Buffer.from(key, 'base64');
    const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  /** Spends the time of a real check and fails: for unknown users. */
  async verifyDecoy(password: string): Promise<false> {
    await this.verify(password, await this.decoy);
    return false;
  }
}
