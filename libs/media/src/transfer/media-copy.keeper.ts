import { Injectable, OnModuleInit } from '@nestjs/common';
import type { StoryCorrected, StoryWithdrawn } from '@syn/contracts';
import { CopyChange, CopyKeeper, CopyKeeperResult, CopyKeepers } from '@syn/delivery';
import type { EntityManager } from 'typeorm';
import { MediaGc } from './media-gc';

/**
 * A story's media as copies the takedown path must remove: at every center the 撤稿 reaches, the
 * story's links go, queued transfers of it stop, and bytes no other live story there names are
 * deleted. The takedown's receipt therefore covers the media too. Corrections need nothing here:
 * their snapshot's media follow through the outbox like any other event's.
 */
@Injectable()
export class MediaCopyKeeper implements CopyKeeper, OnModuleInit {
  readonly name = 'media';

  constructor(
    private readonly keepers: CopyKeepers,
    private readonly gc: MediaGc,
  ) {}

  onModuleInit() {
    this.keepers.register(this);
  }

  applyCorrection(_m: EntityManager, _c: CopyChange<StoryCorrected>): Promise<CopyKeeperResult> {
    return Promise.resolve({ outcome: 'not-held' });
  }

  async applyWithdrawal(m: EntityManager, w: CopyChange<StoryWithdrawn>): Promise<CopyKeeperResult> {
    return { outcome: (await withdrawMedia(m, this.gc, w.center, w.change.storyId)) > 0 ? 'applied' : 'not-held' };
  }
}

/** Removes a story's media at one center; the number of links removed. */
export async function withdrawMedia(m: EntityManager, gc: MediaGc, center: string, storyId: string, uploads = false): Promise<number> {
  // What this center was sending of the story, and what it was pulling of it.
  await m.query(
    `UPDATE media_transfers SET state = 'cancelled'
      WHERE story_id = $2 AND state = 'queued' AND ((NOT pull AND from_center = $1) OR (pull AND to_center = $1))`,
    [center, storyId],
  );
  const [removed]: [Array<{ sha256: string }>, number] = await m.query(`DELETE FROM media_links WHERE center_code = $1 AND story_id = $2 RETURNING sha256`, [
    center,
    storyId,
  ]);
  await gc.release(
    m,
    center,
    removed.map((r) => r.sha256),
    uploads,
  );
  return removed.length;
}
