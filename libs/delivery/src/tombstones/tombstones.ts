import { Injectable } from '@nestjs/common';
import type { StoryWithdrawn } from '@syn/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { TombstoneEntity } from './tombstone.entity';

/** The center's tombstones: written when a takedown arrives, consulted by every copy of a story. */
@Injectable()
export class Tombstones {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Records the takedown; true when it is new here. Takes the story's exclusive advisory lock so
   * that a copy being written concurrently commits first (and is then deleted) or is refused.
   */
  async add(m: EntityManager, w: StoryWithdrawn, receivedFrom: string): Promise<boolean> {
    await lockStory(m, w.storyId);
    const rows: unknown[] = await m.query(
      `INSERT INTO tombstones (story_id, origin_code, version, reason, withdrawn_by, withdrawn_at, received_from)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (story_id) DO NOTHING RETURNING story_id`,
      [w.storyId, w.originCode, w.version, w.reason, w.withdrawnBy, w.withdrawnAt, receivedFrom],
    );
    return rows.length > 0;
  }

  async has(m: EntityManager, storyId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(`SELECT 1 FROM tombstones WHERE story_id = $1`, [storyId]);
    return rows.length > 0;
  }

  get(storyId: string, m: EntityManager = this.dataSource.manager): Promise<TombstoneEntity | null> {
    return m.getRepository(TombstoneEntity).findOneBy({ storyId });
  }
}

/** The lock the syn_skip_withdrawn() trigger takes in shared mode. */
export async function lockStory(m: EntityManager, storyId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1::text, 0))`, [storyId]);
}

/**
 * The lock a code path that registers a copy takes before it looks for a tombstone: a takedown
 * committing concurrently then either is seen here or sees the copy's ledger row after this commits.
 */
export async function lockStoryShared(m: EntityManager, storyId: string): Promise<void> {
  await m.query(`SELECT pg_advisory_xact_lock_shared(hashtextextended($1::text, 0))`, [storyId]);
}
