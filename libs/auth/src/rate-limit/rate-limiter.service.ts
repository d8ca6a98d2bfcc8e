import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { BucketPolicy, TokenBuckets } from './token-bucket';

export type RateLimitedAction = 'login' | 'submission';

/** Thrown as 429; the guard or controller copies retryAfterSeconds into Retry-After. */
export class TooManyRequestsError extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    what: string,
  ) {
    super(
      { statusCode: 429, error: 'Too Many Requests', message: [`${what}: too many requests, retry in ${retryAfterSeconds} s`] },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/** Login and submission are limited per user and per center, so one noisy desk cannot starve its center, nor one center the app. */
@Injectable()
export class RateLimiter {
  private readonly buckets = new TokenBuckets();
  private readonly policies: Record<RateLimitedAction, { user: BucketPolicy; center: BucketPolicy }>;

  constructor(env: AppEnv) {
    this.policies = {
      login: { user: { perMinute: env.RATE_LOGIN_PER_USER_PER_MINUTE }, center: { perMinute: env.RATE_LOGIN_PER_CENTER_PER_MINUTE } },
      submission: { user: { perMinute: env.RATE_SUBMIT_PER_USER_PER_MINUTE }, center: { perMinute: env.RATE_SUBMIT_PER_CENTER_PER_MINUTE } },
    };
  }

  /** Counts one attempt of `user` at `center`, or throws TooManyRequestsError. */
  consume(action: RateLimitedAction, center: string, user: string): void {
    const p = this.policies[action];
    const r = this.buckets.takeAll([
      { key: `${action}:u:${center}:${user}`, policy: p.user },
      { key: `${action}:c:${center}`, policy: p.center },
    ]);
    if (!r.ok) throw new TooManyRequestsError(r.retryAfterSeconds, `${action} at center ${center}`);
  }
}
