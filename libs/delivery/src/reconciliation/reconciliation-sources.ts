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

/** Child side: submissions `center` made to `parent` that still await a decision, older than `before`. */
export interface AwaitingSource {
  readonly name: string;
  awaiting(center: string, parent: string, sinceId: string, before: Date): Promise<Array<{ storyId: string; version: number }>>;
}

/**
 * Parent side: sends again, inside the transaction and through the outbox with a new event id,
 * every decision already made on these submissions of `child`; returns the story ids re-driven.
 */
export interface DecisionSource {
  readonly name: string;
  redriveDecisions(m: EntityManager, parent: string, child: string, items: Array<{ storyId: string; version: number }>): Promise<string[]>;
}

/** Features that send or hold stories register here; reconciliation sees their union. */
@Injectable()
export class ReconciliationSources {
  private readonly sentSources: SentSource[] = [];
  private readonly ackSources: AcknowledgedSource[] = [];
  private readonly awaitingSources: AwaitingSource[] = [];
  private readonly decisionSources: DecisionSource[] = [];

  registerAwaiting(s: AwaitingSource): void {
    this.awaitingSources.push(s);
  }

  registerDecisions(s: DecisionSource): void {
    this.decisionSources.push(s);
  }

  awaiting(): readonly AwaitingSource[] {
    return this.awaitingSources;
  }

  decisions(): readonly DecisionSource[] {
    return this.decisionSources;
  }

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
