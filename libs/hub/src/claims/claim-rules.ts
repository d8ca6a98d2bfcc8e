import type { SubmissionEntity } from '../review-queue/submission.entity';

export interface ClaimView {
  claimedBy: string;
  claimedByName: string;
  expiresAt: string;
}

/** A claim counts only until it expires; after that the story is free for any curator. */
export function liveClaim(s: Pick<SubmissionEntity, 'claimedBy' | 'claimedByName' | 'claimExpiresAt'>, now: Date): ClaimView | null {
  if (!s.claimedBy || !s.claimExpiresAt || s.claimExpiresAt.getTime() <= now.getTime()) return null;
  return { claimedBy: s.claimedBy, claimedByName: s.claimedByName ?? s.claimedBy, expiresAt: s.claimExpiresAt.toISOString() };
}

/** Someone else's live claim, if any: the one thing that stops a curator from working a story. */
export function claimedByOther(s: Pick<SubmissionEntity, 'claimedBy' | 'claimedByName' | 'claimExpiresAt'>, userId: string, now: Date): ClaimView | null {
  const c = liveClaim(s, now);
  return c && c.claimedBy !== userId ? c : null;
}
