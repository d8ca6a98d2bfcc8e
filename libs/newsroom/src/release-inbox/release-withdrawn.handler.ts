import { Injectable, Logger } from '@nestjs/common';
import { RELEASE_WITHDRAWN, ReleaseWithdrawn } from '@syn/contracts';
import { MediaPulls } from '@syn/media';
import { EventHandler, InboundEvent, OnTreeEvent, PoisonMessageError, TreeTransport } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';

/**
 * 撤稿 of a release: the copy loses its text and is marked withdrawn, and the takedown follows the
 * delivery ledger to every center this one passed the release to; the media it brought leave this
 * center with it. Arriving before the release itself, it leaves a tombstone that the release can
 * never overwrite.
 */
@Injectable()
@OnTreeEvent(RELEASE_WITHDRAWN)
export class ReleaseWithdrawnHandler implements EventHandler<ReleaseWithdrawn> {
  private readonly logger = new Logger('ReleaseWithdrawn');

  constructor(
    private readonly directory: CenterDirectory,
    private readonly transport: TreeTransport,
    private readonly media: MediaPulls,
  ) {}

  async handle(m: EntityManager, e: InboundEvent<ReleaseWithdrawn>): Promise<void> {
    const w = e.payload;
    const here = e.recipient;
    if (!this.directory.has(w.issuerCode) || !this.directory.isSelfOrAncestor(w.issuerCode, e.route.parent)) {
      throw new PoisonMessageError(
        `event ${e.envelope.id}: takedown of release ${w.releaseId} claims issuer ${w.issuerCode}, which is not above ${e.route.parent}`,
      );
    }
    const [held]: Array<{ story_id: string | null }> = await m.query(
      `SELECT story->>'id' AS story_id FROM release_inbox WHERE center_code = $1 AND release_id = $2 FOR UPDATE`,
      [here, w.releaseId],
    );
    const rows: Array<{ status: string }> = await m.query(
      `INSERT INTO release_inbox (center_code, release_id, issuer_code, revision, targeted, status, withdrawn_at, withdraw_reason)
       VALUES ($1,$2,$3,0,false,'withdrawn',$4,$5)
       ON CONFLICT (center_code, release_id) DO UPDATE SET status = 'withdrawn', story = NULL, withdrawn_at = EXCLUDED.withdrawn_at, withdraw_reason = EXCLUDED.withdraw_reason
       WHERE release_inbox.status <> 'withdrawn'
       RETURNING status`,
      [here, w.releaseId, w.issuerCode, w.withdrawnAt, w.reason],
    );
    if (rows.length === 0) return;
    if (held?.story_id) await this.media.drop(m, here, held.story_id);
    const reached = await this.transport.follow(m, { kind: 'release', id: w.releaseId }, here, RELEASE_WITHDRAWN, w, 'withdrawal');
    this.logger.log({ msg: 'release withdrawn', center: here, releaseId: w.releaseId, relayedTo: reached });
  }
}
