import { Injectable, Logger } from '@nestjs/common';
import { RELEASE_REPUBLISHED, ReleaseRepublished } from '@syn/contracts';
import { EventHandler, InboundEvent, OnTreeEvent, PoisonMessageError, TreeTransport } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { ReleasesService } from './releases.service';

/** A republish receipt climbs hop by hop: the issuer records it, every hop below passes it on. */
@Injectable()
@OnTreeEvent(RELEASE_REPUBLISHED)
export class ReleaseRepublishedHandler implements EventHandler<ReleaseRepublished> {
  private readonly logger = new Logger('ReleaseRepublished');

  constructor(
    private readonly directory: CenterDirectory,
    private readonly releases: ReleasesService,
    private readonly transport: TreeTransport,
  ) {}

  async handle(m: EntityManager, e: InboundEvent<ReleaseRepublished>): Promise<void> {
    const r = e.payload;
    const here = e.recipient;
    if (!this.directory.has(r.republisherCode) || !this.directory.isSelfOrAncestor(e.route.child, r.republisherCode)) {
      throw new PoisonMessageError(
        `event ${e.envelope.id}: receipt for release ${r.releaseId} from ${r.republisherCode} was sent by ${e.route.child}, outside its subtree`,
      );
    }
    if (r.issuerCode !== here) {
      if (!this.directory.has(r.issuerCode) || !this.directory.isSelfOrAncestor(r.issuerCode, here)) {
        throw new PoisonMessageError(`event ${e.envelope.id}: release ${r.releaseId} was issued by ${r.issuerCode}, which is not above ${here}`);
      }
      await this.transport.up(m, { kind: 'release-receipt', id: r.releaseId }, here, RELEASE_REPUBLISHED, r);
      return;
    }
    const outcome = await this.releases.recordReceipt(m, here, r);
    if (outcome === 'unknown-release' || outcome === 'not-targeted') {
      throw new PoisonMessageError(`event ${e.envelope.id}: receipt from ${r.republisherCode} for release ${r.releaseId} at ${here}: ${outcome}`);
    }
    this.logger.log({ msg: `republish receipt ${outcome}`, center: here, releaseId: r.releaseId, republisher: r.republisherCode });
  }
}
