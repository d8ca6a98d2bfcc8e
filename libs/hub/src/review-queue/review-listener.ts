import type { StorySnapshot } from '@syn/contracts';
import type { EntityManager } from 'typeorm';

/**
 * In-process observers of the review queue, called inside the transaction that queues or decides a
 * submission, so that whatever they record (the contribution ledger) commits with it or not at all.
 */
export interface ReviewListener {
  onSubmitted(m: EntityManager, e: { story: StorySnapshot; hubCode: string; submittedBy: string; submittedAt: Date }): Promise<unknown>;
  onDecided(
    m: EntityManager,
    e: {
      story: StorySnapshot;
      hubCode: string;
      decision: 'accepted' | 'rejected' | 'returned';
      decidedBy: string;
      decidedAt: Date;
      /** For a story 退稿'd because it was merged into a near-duplicate family: the kept story. */
      mergedInto?: string;
    },
  ): Promise<unknown>;
}

export const REVIEW_LISTENERS = Symbol('REVIEW_LISTENERS');
