import { Injectable } from '@nestjs/common';
import { LEDGER_REPORTED, LedgerReported } from '@syn/contracts';
import { EventHandler, InboundEvent, OnTreeEvent, PoisonMessageError } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { LedgerService } from './ledger.service';

/** A child reports a ledger fact of its subtree; it joins this center's ledger and goes on up. */
@Injectable()
@OnTreeEvent(LEDGER_REPORTED)
export class LedgerReportedHandler implements EventHandler<LedgerReported> {
  constructor(
    private readonly ledger: LedgerService,
    private readonly directory: CenterDirectory,
  ) {}

  handle(m: EntityManager, e: InboundEvent<LedgerReported>): Promise<void> {
    return this.handleBatch(m, [e]);
  }

  /** A consumer batch's entries (many ride on story.pooled) in one statement per recipient. */
  async handleBatch(m: EntityManager, events: InboundEvent<LedgerReported>[]): Promise<void> {
    for (const e of events) {
      const entry = e.payload;
      const child = e.route.child;
      // A hop may only report what happened in its own subtree.
      if (!this.directory.has(entry.recordedBy) || !this.directory.isSelfOrAncestor(child, entry.recordedBy)) {
        throw new PoisonMessageError(
          `event ${e.envelope.id}: ledger entry ${entry.entryId} recorded by ${entry.recordedBy} was reported by ${child}, outside its subtree`,
        );
      }
    }
    for (const center of new Set(events.map((e) => e.recipient))) {
      await this.ledger.appendMany(
        m,
        center,
        events.filter((e) => e.recipient === center).map((e) => e.payload),
      );
    }
  }
}
