import type { StorySnapshot } from '@syn/contracts';
import type { StoryText } from '../story-text/story-text';
import type { EntityManager } from 'typeorm';

/**
 * In-process observers of the pool, called inside the accepting transaction. The province uses
 * one to index its own pool (it has no parent to announce to).
 */
export interface PoolListener {
  onPooled(m: EntityManager, e: PooledStory): Promise<unknown>;
  /** Optional: a consumer batch's stories at once, instead of onPooled for each. */
  onPooledMany?(m: EntityManager, pooled: PooledStory[]): Promise<unknown>;
}

/** A story entering the pool, or a curator's new edition of it (edition > 0). */
export interface PooledStory {
  story: StorySnapshot;
  hubCode: string;
  pooledBy: string;
  pooledAt: Date;
  edition?: number;
  /** Its text as search reads it, when already worked out (by the hub, or shipped with story.pooled). */
  text?: StoryText;
}

export const POOL_LISTENERS = Symbol('POOL_LISTENERS');
