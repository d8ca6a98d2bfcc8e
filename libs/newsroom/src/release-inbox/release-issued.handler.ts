import { Injectable, Logger } from '@nestjs/common';
import { RELEASE_ISSUED, ReleaseIssued } from '@syn/contracts';
import { assertSnapshotIntegrity } from '@syn/hub';
import { MediaPulls } from '@syn/media';
import { EventHandler, InboundEvent, OnTreeEvent, PoisonMessageError, TreeTransport } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';

/**
 * A release (通稿) from above lands in the release inbox and goes on down towards its targets. A
 * higher revision is a correction: it replaces the copy and follows the delivery ledger down. A
 * withdrawn release stays withdrawn whatever arrives after the takedown. The media it names are
 * pulled from the center that sent it, committed with the copy.
 */
@Injectable()
@OnTreeEvent(RELEASE_ISSUED)
export class ReleaseIssuedHandler implements EventHandler<ReleaseIssued> {
  private readonly logger = new Logger('ReleaseIssued');

  constructor(
    private readonly directory: CenterDirectory,
    private readonly transport: TreeTransport,
    private readonly media: MediaPulls,
  ) {}

  async handle(m: EntityManager, e: InboundEvent<ReleaseIssued>): Promise<void> {
    const r = e.payload;
    const here = e.recipient;
    if (!this.directory.has(r.issuerCode) || !this.directory.isSelfOrAncestor(r.issuerCode, e.route.parent)) {
      throw new PoisonMessageError(`event ${e.envelope.id}: release ${r.releaseId} claims issuer ${r.issuerCode}, which is not above ${e.route.parent}`);
    }
    const targeted = this.directory.isTargeted(here, r.targets);
    if (!targeted && !r.targets.some((x) => this.directory.has(x) && this.directory.isSelfOrAncestor(here, x))) {
      throw new PoisonMessageError(`event ${e.envelope.id}: release ${r.releaseId} reached ${here}, which is neither a target nor on the way to one`);
    }
    assertSnapshotIntegrity(r.story, e.envelope.id);
    const held: Array<{ status: string; revision: number }> = await m.query(
      `SELECT status, revision FROM release_inbox WHERE center_code = $1 AND release_id = $2 FOR UPDATE`,
      [here, r.releaseId],
    );
    const item = { kind: 'release' as const, id: r.releaseId, version: r.revision };
    if (!held[0]) {
      await m.query(
        `INSERT INTO release_inbox (center_code, release_id, issuer_code, revision, title, story, note, targeted, status, issued_by, issued_at, revised_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'received',$9,$10,$10)`,
        [here, r.releaseId, r.issuerCode, r.revision, r.story.title, JSON.stringify(r.story), r.note ?? null, targeted, r.issuedBy, r.issuedAt],
      );
      await this.media.queue(m, here, e.envelope.sender, r.story);
      const children = this.directory.childrenToward(here, r.targets);
      await this.transport.fanOut(m, item, here, children, RELEASE_ISSUED, r);
      this.logger.log({ msg: 'release received', center: here, releaseId: r.releaseId, revision: r.revision, targeted, relayedTo: children });
      return;
    }
    if (held[0].status === 'withdrawn' || held[0].revision >= r.revision) return;
    await m.query(`UPDATE release_inbox SET revision = $3, title = $4, story = $5, note = $6, revised_at = $7 WHERE center_code = $1 AND release_id = $2`, [
      here,
      r.releaseId,
      r.revision,
      r.story.title,
      JSON.stringify(r.story),
      r.note ?? null,
      r.issuedAt,
    ]);
    await this.media.queue(m, here, e.envelope.sender, r.story);
    const reached = await this.transport.follow(m, item, here, RELEASE_ISSUED, r, 'correction');
    this.logger.log({ msg: 'release corrected', center: here, releaseId: r.releaseId, revision: r.revision, relayedTo: reached });
  }
}
