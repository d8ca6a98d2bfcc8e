import type { EntityManager } from 'typeorm';

/**
 * In-process observers of a 转载 from this hub's pool, called inside the transaction that records
 * it, so that what they write (the contribution ledger's credit to the origin) commits with it.
 */
export interface RepublishListener {
  onRepublished(
    m: EntityManager,
    e: { storyId: string; version: number; originCode: string; authors: string[]; hubCode: string; republishedBy: string; channel: string | null; at: Date },
  ): Promise<unknown>;
}

export const REPUBLISH_LISTENERS = Symbol('REPUBLISH_LISTENERS');
