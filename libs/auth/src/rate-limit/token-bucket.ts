interface Bucket {
  tokens: number;
  at: number;
}

export interface BucketPolicy {
  /** Burst size, and how many requests a full minute refills. */
  perMinute: number;
}

export interface TakeResult {
  ok: boolean;
  /** Seconds until one token is back, when refused. */
  retryAfterSeconds: number;
}

const MAX_KEYS = 50_000;

/**
 * In-memory token buckets keyed by whatever the caller names (user, center). Per process: with
 * several replicas each keeps its own, so the effective limit is the sum (docs/security.md).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one token from every key at once, or none if any is empty. */
  takeAll(entries: Array<{ key: string; policy: BucketPolicy }>): TakeResult {
    const t = this.now();
    const states = entries.map(({ key, policy }) => ({ key, policy, bucket: this.refilled(key, policy, t) }));
    const empty = states.filter((s) => s.bucket.tokens < 1);
    if (empty.length > 0) {
      const wait = Math.max(...empty.map((s) => ((1 - s.bucket.tokens) * 60_000) / s.policy.perMinute));
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };
    }
    for (const s of states) {
      s.bucket.tokens -= 1;
      this.buckets.set(s.key, s.bucket);
    }
    if (this.buckets.size > MAX_KEYS) this.prune(t);
    return { ok: true, retryAfterSeconds: 0 };
  }

  private refilled(key: string, policy: BucketPolicy, t: number): Bucket {
    const b = this.buckets.get(key);
    if (!b) return { tokens: policy.perMinute, at: t };
    const tokens = Math.min(policy.perMinute, b.tokens + ((t - b.at) * policy.perMinute) / 60_000);
    return { tokens, at: t };
  }

  /** Forgets buckets idle for a minute or more: they would be full again anyway. */
  private prune(t: number) {
    for (const [k, b] of this.buckets) if (t - b.at >= 60_000) this.buckets.delete(k);
  }
}
