import { Injectable } from '@nestjs/common';
import { DeferredInserts } from '@syn/persistence';
import type { EntityManager } from 'typeorm';
import { MediaSignals } from '../media-signals';
import { MediaGc } from './media-gc';
import { linksOf, StoryMediaOf, upsertLinks } from './media-links';

/**
 * Media that come down the tree with a story a center receives (a release, 通稿, or a sibling's
 * pooled story it 转载s): called in the transaction that stores the story, so the story and its
 * pulls commit together or not at all.
 * The story's media are linked at once (the desk shows them "on their way"), and each object the
 * center does not hold yet is queued to be pulled from the parent that sent the story.
 */
@Injectable()
export class MediaPulls {
  constructor(
    private readonly signals: MediaSignals,
    private readonly gc: MediaGc,
    private readonly deferred: DeferredInserts,
  ) {}

  async queue(m: EntityManager, center: string, parent: string, story: StoryMediaOf): Promise<void> {
    const links = linksOf(center, story);
    // A later version (a release's correction) that dropped a photo drops it here too. Not at the
    // story's origin, whose own story still names its uploads.
    if (center !== story.originCode)
      await this.dropOthers(
        m,
        center,
        story.id,
        links.map((l) => l.sha256),
      );
    if (links.length === 0) return;
    await upsertLinks(m, links);
    // Objects this center already holds (its own, or another story's) are linked, not pulled again.
    const queued: unknown[] = await m.query(
      `INSERT INTO media_transfers (from_center, to_center, story_id, sha256, origin_code, kind, caption, embargo_until, pull)
       SELECT $1, $2, $3, w.sha256, $4, w.kind, w.caption, $5, true
         FROM unnest($6::char(64)[], $7::text[], $8::text[]) AS w(sha256, kind, caption)
        WHERE NOT EXISTS (SELECT 1 FROM media_holdings h WHERE h.center_code = $2 AND h.sha256 = w.sha256)
       ON CONFLICT (from_center, to_center, story_id, sha256) DO UPDATE
         SET state = 'queued', next_attempt_at = now(), attempts = 0
         WHERE media_transfers.state = 'cancelled'
       RETURNING id`,
      [
        parent,
        center,
        story.id,
        story.originCode,
        story.embargoUntil ?? null,
        links.map((l) => l.sha256),
        links.map((l) => l.kind),
        links.map((l) => l.caption),
      ],
    );
    if (queued.length > 0) this.deferred.afterCommit(m, () => this.signals.transferQueued());
  }

  private async dropOthers(m: EntityManager, center: string, storyId: string, keep: string[]): Promise<void> {
    await m.query(
      `UPDATE media_transfers SET state = 'cancelled'
        WHERE pull AND to_center = $1 AND story_id = $2 AND state = 'queued' AND NOT (sha256 = ANY($3::char(64)[]))`,
      [center, storyId, keep],
    );
    // Only links this story's pulls brought: the same story may be held here another way (a hub's pool
    // copy of a story the province then releases), and those media stay.
    const [removed]: [Array<{ sha256: string }>, number] = await m.query(
      `DELETE FROM media_links l WHERE l.center_code = $1 AND l.story_id = $2 AND NOT (l.sha256 = ANY($3::char(64)[]))
          AND EXISTS (SELECT 1 FROM media_transfers t WHERE t.pull AND t.to_center = l.center_code AND t.story_id = l.story_id AND t.sha256 = l.sha256)
        RETURNING l.sha256`,
      [center, storyId, keep],
    );
    await this.gc.release(
      m,
      center,
      removed.map((r) => r.sha256),
    );
  }

  /**
   * The story was taken back (a release withdrawn): the media its pulls brought leave this center,
   * and pulls still under way stop. (A story's own takedown, story.withdrawn, removes every copy of
   * its media through MediaCopyKeeper; a release's takedown is only the release's.)
   */
  async drop(m: EntityManager, center: string, storyId: string): Promise<void> {
    await this.dropOthers(m, center, storyId, []);
  }
}
