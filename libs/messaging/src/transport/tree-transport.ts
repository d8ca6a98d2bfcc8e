import { Injectable } from '@nestjs/common';
import { EventEnvelope, TreeEvents, TreeEventType } from '@syn/contracts';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { OutboxWriter } from '../outbox/outbox.writer';
import { DeliveryKind } from './delivery-ledger.entity';
import { DeliveryItem, DeliveryLedger } from './delivery-ledger';

/** A story sent to a neighbouring center, and how the ledger should remember it. */
export interface StoryDelivery<T extends TreeEventType> {
  type: T;
  from: string;
  to: string;
  payload: TreeEvents[T];
  storyId: string;
  version: number;
  kind: DeliveryKind;
  expectReceipt?: boolean;
}

/** An item relayed hop by hop (topic, release, adoption, …); `version` orders its corrections (1 when it has none). */
export interface RelayedItem extends DeliveryItem {
  version?: number;
}

/**
 * The one way an event leaves a center: an outbox write on the hop's subject plus, for whatever
 * the event carries, a row in the delivery ledger, both in the caller's transaction. So the ledger
 * can never claim a copy that was not sent nor miss one that was, and a follow-up (correction,
 * takedown) reaches exactly the neighbours the original reached, for stories and relayed items
 * alike. Payloads are typed by the event map: a payload of another type does not compile.
 */
@Injectable()
export class TreeTransport {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly ledger: DeliveryLedger,
    private readonly directory: CenterDirectory,
  ) {}

  /** A story to a neighbour (its parent or a child), recorded as a copy `to` now holds. */
  async send<T extends TreeEventType>(m: EntityManager, d: StoryDelivery<T>): Promise<EventEnvelope<TreeEvents[T]>> {
    const envelope = await this.outbox.append(m, { type: d.type, ...this.directory.hop(d.from, d.to), payload: d.payload });
    await this.ledger.record(m, {
      sender: d.from,
      holder: d.to,
      storyId: d.storyId,
      version: d.version,
      kind: d.kind,
      eventType: d.type,
      eventId: envelope.id,
      expectReceipt: d.expectReceipt,
    });
    return envelope;
  }

  /** An event that delivers no copy of anything (a receipt): outbox only. */
  notify<T extends TreeEventType>(m: EntityManager, d: { type: T; from: string; to: string; payload: TreeEvents[T] }): Promise<EventEnvelope<TreeEvents[T]>> {
    return this.outbox.append(m, { type: d.type, ...this.directory.hop(d.from, d.to), payload: d.payload });
  }

  /** An item to one child of `from`. */
  async down<T extends TreeEventType>(
    m: EntityManager,
    item: RelayedItem,
    from: string,
    child: string,
    type: T,
    payload: TreeEvents[T],
    kind: DeliveryKind = 'delivery',
  ): Promise<void> {
    if (this.directory.parentOf(child)?.code !== from) throw new Error(`relay of ${item.kind} ${item.id}: ${child} is not a child of ${from}`);
    await this.relay(m, item, from, child, type, payload, kind);
  }

  /** An item to several children of `from`, one event each. */
  async fanOut<T extends TreeEventType>(
    m: EntityManager,
    item: RelayedItem,
    from: string,
    children: readonly string[],
    type: T,
    payload: TreeEvents[T],
    kind: DeliveryKind = 'delivery',
  ): Promise<void> {
    for (const child of children) await this.down(m, item, from, child, type, payload, kind);
  }

  /**
   * A follow-up (a correction, a takedown) to every child this item was sent to before; returns
   * them. Without a version of its own, each row keeps the version its holder had.
   */
  async follow<T extends TreeEventType>(
    m: EntityManager,
    item: RelayedItem,
    from: string,
    type: T,
    payload: TreeEvents[T],
    kind: DeliveryKind,
  ): Promise<string[]> {
    const held = await this.deliveredDown(m, item, from);
    for (const h of held) await this.relay(m, { ...item, version: item.version ?? h.version }, from, h.holder, type, payload, kind);
    return held.map((h) => h.holder);
  }

  /** An item to the parent of `from`; returns the parent, or null at the top of the tree. */
  async up<T extends TreeEventType>(m: EntityManager, item: RelayedItem, from: string, type: T, payload: TreeEvents[T]): Promise<string | null> {
    const parent = this.directory.parentOf(from);
    if (!parent) return null;
    await this.relay(m, item, from, parent.code, type, payload, 'delivery');
    return parent.code;
  }

  /** The children `from` passed this item down to, whatever the event type. */
  async deliveredTo(m: EntityManager, item: DeliveryItem, from: string): Promise<string[]> {
    return (await this.deliveredDown(m, item, from)).map((h) => h.holder);
  }

  private async deliveredDown(m: EntityManager, item: DeliveryItem, from: string): Promise<Array<{ holder: string; version: number }>> {
    const held = await this.ledger.holdersOfItem(m, from, item);
    return held.filter((h) => this.directory.has(h.holder) && this.directory.get(h.holder).parent === from);
  }

  private async relay<T extends TreeEventType>(
    m: EntityManager,
    item: RelayedItem,
    from: string,
    to: string,
    type: T,
    payload: TreeEvents[T],
    kind: DeliveryKind,
  ): Promise<void> {
    const envelope = await this.outbox.append(m, { type, ...this.directory.hop(from, to), payload });
    await this.ledger.record(m, {
      sender: from,
      holder: to,
      item: { kind: item.kind, id: item.id },
      version: item.version ?? 1,
      kind,
      eventType: type,
      eventId: envelope.id,
    });
  }
}
