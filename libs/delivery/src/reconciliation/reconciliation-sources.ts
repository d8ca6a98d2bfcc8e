import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ReconcileItem } from './reconcile-item';

export interface SentItem extends ReconcileItem {
  /** When the child last changed or sent it; younger than the grace period means in flight. */
  changedAt: Date;
}

/**
 * Child side: what `center` has sent to its parent, and how to send one item again. The re-drive
 * runs inside a transaction and writes through the outbox with a new event id.
 */
export interface SentSource {
  readonly name: string;
  sent(center: string, parent: string, sinceId: string): Promise<SentItem[]>;
  redrive(m: EntityManager, center: string, parent: string, storyId: string, parentHas: ReconcileItem | undefined): Promise<boolean>;
}

/** Parent side: what `parent` holds (has acknowledged) from its child `child`. */
export interface AcknowledgedSource {
  readonly name: string;
  acknowledged(parent: string, child: string, sinceId: string): Promise<ReconcileItem[]>;
}

/** Features that send or hold stories register here; reconciliation sees their union. */
@Injectable()
export class ReconciliationSources {
  private readonly sentSources: SentSource[] = [];
  private readonly ackSources: AcknowledgedSource[] = [];

  registerSent(s: SentSource): void {
    this.sentSources.push(s);
  }

  registerAcknowledged(s: AcknowledgedSource): void {
    this.ackSources.push(s);
  }

  sent(): readonly SentSource[] {
    return this.sentSources;
  }

  acknowledged(): readonly AcknowledgedSource[] {
    return this.ackSources;
  }
}
