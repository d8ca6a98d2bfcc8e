import { Injectable, Optional } from '@nestjs/common';
import { OutboxWriter } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { DeferredInsert, DeferredInserts } from '@syn/persistence';
import { EntityManager } from 'typeorm';

const RELAY_DELIVERY_INSERT = new DeferredInsert('relay_deliveries', [
  { name: 'item_kind', type: 'text' },
  { name: 'item_id', type: 'uuid' },
  { name: 'direction', type: 'text' },
  { name: 'from_code', type: 'text' },
  { name: 'to_code', type: 'text' },
  { name: 'event_type', type: 'text' },
  { name: 'event_id', type: 'uuid' },
]);

/** What is being relayed: the delivery ledger is keyed by it, so follow-ups find every copy. */
export interface RelayItem {
  kind: 'topic' | 'release' | 'adoption' | 'topic-answer' | 'release-receipt' | 'ledger';
  id: string;
}

/**
 * One hop of a message along the tree. Each hop is an outbox write plus a row in the delivery
 * ledger (relay_deliveries), in the caller's transaction, next to the hop's own record. Corrections
 * and takedowns later follow the ledger, so they reach exactly the centers the original reached.
 */
@Injectable()
export class DistributionRelay {
  constructor(
    private readonly outbox: OutboxWriter,
    private readonly directory: CenterDirectory,
    @Optional() private readonly deferred: DeferredInserts = new DeferredInserts(),
  ) {}

  /** Sends to one child of `from`. */
  async down<P extends object>(m: EntityManager, item: RelayItem, from: string, child: string, type: string, payload: P): Promise<void> {
    if (this.directory.get(child).parent !== from) throw new Error(`relay of ${item.kind} ${item.id}: ${child} is not a child of ${from}`);
    const envelope = await this.outbox.append<P>(m, { type, parent: from, child, payload });
    await this.record(m, item, 'down', from, child, type, envelope.id);
  }

  /** Sends to several children of `from`, one event each. */
  async fanOut<P extends object>(m: EntityManager, item: RelayItem, from: string, children: readonly string[], type: string, payload: P): Promise<void> {
    for (const child of children) await this.down(m, item, from, child, type, payload);
  }

  /** Sends a follow-up (correction, takedown) to every child this item was sent to before; returns them. */
  async follow<P extends object>(m: EntityManager, item: RelayItem, from: string, type: string, payload: P): Promise<string[]> {
    const children = await this.deliveredTo(m, item, from);
    await this.fanOut(m, item, from, children, type, payload);
    return children;
  }

  /** Sends to the parent of `from`; returns it, or null at the top of the tree. */
  async up<P extends object>(m: EntityManager, item: RelayItem, from: string, type: string, payload: P): Promise<string | null> {
    const parent = this.directory.parentOf(from);
    if (!parent) return null;
    const envelope = await this.outbox.append<P>(m, { type, parent: parent.code, child: from, payload });
    await this.record(m, item, 'up', from, parent.code, type, envelope.id);
    return parent.code;
  }

  /** The children `from` passed this item down to, whatever the event type. */
  async deliveredTo(m: EntityManager, item: RelayItem, from: string): Promise<string[]> {
    // A consumer batch may hold an item's first hop and its follow-up: see the first one's rows.
    await this.deferred.flushFor(m);
    const rows: Array<{ to_code: string }> = await m.query(
      `SELECT DISTINCT to_code FROM relay_deliveries WHERE item_kind = $1 AND item_id = $2 AND from_code = $3 AND direction = 'down' ORDER BY to_code`,
      [item.kind, item.id, from],
    );
    return rows.map((r) => r.to_code);
  }

  private async record(m: EntityManager, item: RelayItem, direction: 'up' | 'down', from: string, to: string, type: string, eventId: string) {
    await this.deferred.add(m, RELAY_DELIVERY_INSERT, [[item.kind, item.id, direction, from, to, type, eventId]]);
  }
}
