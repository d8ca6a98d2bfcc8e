import { Injectable, OnModuleInit } from '@nestjs/common';
import { LEDGER_REPORTED, LedgerReported } from '@syn/contracts';
import { EventHandler, EventHandlerRegistry, InboundEvent, PoisonMessageError } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { LedgerService } from './ledger.service';

/** A child reports a ledger fact of its subtree; it joins this center's ledger and goes on up. */
@Injectable()
export class LedgerReportedHandler implements EventHandler<LedgerReported>, OnModuleInit {
  readonly type = LEDGER_REPORTED;
  readonly direction = 'up' as const;

  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly ledger: LedgerService,
    private readonly directory: CenterDirectory,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

  async handle(m: EntityManager, e: InboundEvent<LedgerReported>): Promise<void> {
    const entry = e.payload;
    const child = e.route.child;
    // A hop may only report what happened in its own subtree.
    if (!this.directory.has(entry.recordedBy) || !this.directory.isSelfOrAncestor(child, entry.recordedBy)) {
      throw new PoisonMessageError(`event ${e.envelope.id}: ledger entry ${entry.entryId} recorded by ${entry.recordedBy} was reported by ${child}, outside its subtree`);
    }
    await this.ledger.append(m, e.recipient, entry);
  }
}
