import { TokenBuckets } from './token-bucket';

describe('TokenBuckets', () => {
  it('allows a burst of perMinute, then refuses with a retry time, then refills over time', () => {
    let now = 0;
    const b = new TokenBuckets(() => now);
    const policy = { perMinute: 3 };
    for (let i = 0; i < 3; i++) expect(b.takeAll([{ key: 'u', policy }]).ok).toBe(true);
    expect(b.takeAll([{ key: 'u', policy }])).toEqual({ ok: false, retryAfterSeconds: 20 });
    now = 20_000;
    expect(b.takeAll([{ key: 'u', policy }]).ok).toBe(true);
    expect(b.takeAll([{ key: 'u', policy }]).ok).toBe(false);
  });

  it('takes from the user and the center together, and from neither when one is empty', () => {
    const b = new TokenBuckets(() => 0);
    const user = { perMinute: 5 };
    const center = { perMinute: 2 };
    expect(
      b.takeAll([
        { key: 'u1', policy: user },
        { key: 'c', policy: center },
      ]).ok,
    ).toBe(true);
    expect(
      b.takeAll([
        { key: 'u2', policy: user },
        { key: 'c', policy: center },
      ]).ok,
    ).toBe(true);
    // The center is spent: u3 is refused and keeps its own tokens.
    expect(
      b.takeAll([
        { key: 'u3', policy: user },
        { key: 'c', policy: center },
      ]).ok,
    ).toBe(false);
    for (let i = 0; i < 5; i++) expect(b.takeAll([{ key: 'u3', policy: user }]).ok).toBe(true);
    expect(b.takeAll([{ key: 'u3', policy: user }]).ok).toBe(false);
  });
});
