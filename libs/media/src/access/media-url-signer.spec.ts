import { AppEnv } from '@syn/config';
import { MediaEnv } from '../media-env';
import { MediaUrlSigner } from './media-url-signer';

describe('MediaUrlSigner', () => {
  const env = Object.assign(new MediaEnv(), { MEDIA_URL_TTL_SECONDS: 60 });
  const signer = new MediaUrlSigner({ AUTH_TOKEN_SECRET: 'x'.repeat(32) } as AppEnv, env);
  const target = { center: '360702', sha256: 'b'.repeat(64), variant: 'web' };
  const parts = (url: string) => Object.fromEntries(new URL(url, 'http://desk').searchParams) as { exp: string; sig: string };

  it('accepts its own link until it expires', () => {
    const now = Date.now();
    const { exp, sig } = parts(signer.sign(target, now));
    expect(signer.verify(target, exp, sig, now + 59_000)).toBe(true);
    expect(signer.verify(target, exp, sig, now + 61_000)).toBe(false);
  });

  it('refuses a link moved to another center, object or variant, or signed with another secret', () => {
    const { exp, sig } = parts(signer.sign(target));
    expect(signer.verify({ ...target, center: '360703' }, exp, sig)).toBe(false);
    expect(signer.verify({ ...target, variant: 'original' }, exp, sig)).toBe(false);
    expect(signer.verify({ ...target, sha256: 'c'.repeat(64) }, exp, sig)).toBe(false);
    expect(signer.verify(target, String(Number(exp) + 3600), sig)).toBe(false);
    const other = new MediaUrlSigner({ AUTH_TOKEN_SECRET: 'y'.repeat(32) } as AppEnv, env);
    expect(other.verify(target, exp, sig)).toBe(false);
  });
});
