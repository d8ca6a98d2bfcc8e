import { Injectable } from '@nestjs/common';
import { Direction, EventEnvelope } from '@syn/contracts';
import { OutboxWriter } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { DeliveryKind } from '../ledger/delivery-ledger.entity';
import { DeliveryLedger } from '../ledger/delivery-ledger';

export interface Hop {
  direction: Direction;
  parent: string;
  child: string;
}

export interface StoryDelivery<P extends object> {
  type: string;
  from: string;
  to: string;
  payload: P;
  storyId: string;
  version: number;
  kind: DeliveryKind;
  expectReceipt?: boolean;
}

/**
 * Sends an event about a story to a neighbouring center and records the delivery in the ledger,
 * both inside the caller's transaction: the ledger can never claim a copy that was not sent, nor
 * miss one that was.
 */
@Injectable()
export class DeliverySender {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly ledger: DeliveryLedger,
    private readonly directory: CenterDirectory,
  ) {}

  async send<P extends object>(m: EntityManager, d: StoryDelivery<P>): Promise<EventEnvelope<P>> {
    const hop = this.hop(d.from, d.to);
    const envelope = await this.outbox.append<P>(m, { type: d.type, ...hop, payload: d.payload });
    await this.ledger.record(m, {
      sender: d.from,
      holder: d.to,
      storyId: d.storyId,
      version: d.version,
      kind: d.kind,
      eventId: envelope.id,
      expectReceipt: d.expectReceipt,
    });
    return envelope;
  }

  /** An event that is not a delivery of the story itself (a receipt): outbox only. */
  async notify<P extends object>(m: EntityManager, d: { type: string; from: string; to: string; payload: P }): Promise<EventEnvelope<P>> {
    return this.outbox.append<P>(m, { type: d.type, ...this.hop(d.from, d.to), payload: d.payload });
  }

  /** Subjects only connect a center with its parent or its children. */
  hop(from: string, to: string): Hop {
    if (this.directory.get(from).parent === to) return { direction: 'up', parent: to, child: from };
    if (this.directory.get(to).parent === from) return { direction: 'down', parent: from, child: to };
    throw new Error(`centers ${from} and ${to} are not neighbours in the tree; no route between them`);
  }

  isNeighbour(from: string, to: string): boolean {
    return this.directory.has(from) && this.directory.has(to) && (this.directory.get(from).parent === to || this.directory.get(to).parent === from);
  }

  /** The next center on the way from `from` toward `target`: a child whose subtree holds it, else the parent. */
  nextHopToward(from: string, target: string): string | null {
    if (from === target || !this.directory.has(target)) return null;
    for (const c of this.directory.childrenOf(from)) if (this.directory.isSelfOrAncestor(c.code, target)) return c.code;
    return this.directory.get(from).parent;
  }
}
