import { Injectable } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { MediaEnv } from '../media-env';

export interface MediaLinkTarget {
  center: string;
  sha256: string;
  /** `original` or a rendition name */
  variant: string;
}

/**
 * Short-lived media links: `<img>` and `<video>` cannot send the desk's Authorization header, so
 * the desk asks (with its token) for a link that names center, object, variant and expiry and is
 * HMAC-signed with a key derived from the deployment's token secret.
 */
@Injectable()
export class MediaUrlSigner {
  private readonly key: Buffer;

  constructor(
    app: AppEnv,
    private readonly env: MediaEnv,
  ) {
    this.key = createHash('sha256').update(`syn-media-url|${app.AUTH_TOKEN_SECRET}`).digest();
  }

  sign(t: MediaLinkTarget, now = Date.now()): string {
    const exp = Math.floor(now / 1000) + this.env.MEDIA_URL_TTL_SECONDS;
    return `/api/v1/media/${t.center}/${t.sha256}/${encodeURIComponent(t.variant)}?exp=${exp}&sig=${this.mac(t, exp)}`;
  }

  verify(t: MediaLinkTarget, exp: string | undefined, sig: string | undefined, now = Date.now()): boolean {
    if (!exp || !sig || !/^\d{1,12}$/.test(exp) || Number(exp) * 1000 < now) return false;
    const want = Buffer.from(this.mac(t, Number(exp)));
    const got = Buffer.from(sig);
    return want.length === got.length && timingSafeEqual(want, got);
  }

  private mac(t: MediaLinkTarget, exp: number): string {
    return createHmac('sha256', this.key).update(`${t.center}|${t.sha256}|${t.variant}|${exp}`).digest('base64url');
  }
}
