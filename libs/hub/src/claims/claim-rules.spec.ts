import { claimedByOther, liveClaim } from './claim-rules';

const now = new Date('2025-03-01T08:00:00Z');
const later = new Date(now.getTime() + 60_000);
const earlier = new Date(now.getTime() - 1);

describe('review-queue claims', () => {
  it('a claim lives until it expires', () => {
    expect(liveClaim({ claimedBy: 'c-wang', claimedByName: '王审', claimExpiresAt: later }, now)).toEqual({
      claimedBy: 'c-wang',
      claimedByName: '王审',
      expiresAt: later.toISOString(),
    });
    expect(liveClaim({ claimedBy: 'c-wang', claimedByName: '王审', claimExpiresAt: earlier }, now)).toBeNull();
    expect(liveClaim({ claimedBy: 'c-wang', claimedByName: '王审', claimExpiresAt: now }, now)).toBeNull();
    expect(liveClaim({ claimedBy: null, claimedByName: null, claimExpiresAt: null }, now)).toBeNull();
  });

  it('only another curator’s live claim stands in the way', () => {
    const held = { claimedBy: 'c-wang', claimedByName: '王审', claimExpiresAt: later };
    expect(claimedByOther(held, 'c-wang', now)).toBeNull();
    expect(claimedByOther(held, 'c-li', now)?.claimedBy).toBe('c-wang');
    expect(claimedByOther({ ...held, claimExpiresAt: earlier }, 'c-li', now)).toBeNull();
  });
});
