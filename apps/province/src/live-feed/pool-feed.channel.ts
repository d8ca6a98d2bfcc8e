import type { EntityManager } from 'typeorm';

/** PostgreSQL channel of the live feed: NOTIFY is delivered only when the writing transaction commits. */
export const POOL_FEED_CHANNEL = 'syn_pool_feed';

export interface PoolFeedEvent {
  kind: 'pooled' | 'recommended';
  province: string;
  storyId: string;
  hubCode: string;
  at: string;
  version?: number;
  title?: string;
  originCode?: string;
  category?: string;
  priority?: string;
  topicId?: string | null;
  note?: string | null;
  by?: string;
}

/**
 * Announces a change of the index to every watching desk, from inside the transaction that makes
 * it: a story is shown live exactly when it is committed, never before, and on every replica.
 */
export async function notifyPoolFeed(m: EntityManager, e: PoolFeedEvent): Promise<void> {
  // NOTIFY payloads are capped at 8000 bytes; titles are at most 200 characters, so this fits.
  await m.query(`SELECT pg_notify($1, $2)`, [POOL_FEED_CHANNEL, JSON.stringify(e)]);
}
