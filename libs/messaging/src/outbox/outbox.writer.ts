import { Injectable, Optional } from '@nestjs/common';
import { Direction, EventEnvelope, EVENT_CATALOG, Route, STORY_LIMITS, subjectOf } from '@syn/contracts';
import { DeferredInsert, DeferredInserts } from '@syn/persistence';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { OutboxCommitSignal } from './outbox-commit.signal';

const OUTBOX_INSERT = new DeferredInsert('outbox', [
  { name: 'event_id', type: 'uuid' },
  { name: 'subject', type: 'text' },
  { name: 'type', type: 'text' },
  { name: 'envelope', type: 'text' },
]);

/** A NOTIFY on this channel wakes the relay: for tools that write outbox rows from outside the app. */
export const OUTBOX_CHANNEL = 'syn_outbox';

export interface OutgoingEvent<P extends object> {
  type: string;
  /** parent/child of the hop; direction comes from the event catalog. */
  parent: string;
  child: string;
  payload: P;
  /** Required for events the catalog lets travel both ways; must match the catalog otherwise. */
  direction?: Direction;
}

/**
 * Appends events inside the caller's transaction: the change and its announcement commit or
 * vanish together, which is what makes "never lost" hold across a crash before publish.
 */
@Injectable()
export class OutboxWriter {
  constructor(
    @Optional() private readonly signal: OutboxCommitSignal = new OutboxCommitSignal(),
    @Optional() private readonly deferred: DeferredInserts = new DeferredInserts(),
  ) {}

  /** One function for every append, so that a transaction wakes the relay once however many events it wrote. */
  private readonly wakeRelay = () => this.signal.committed();

  async append<P extends object>(manager: EntityManager, event: OutgoingEvent<P>): Promise<EventEnvelope<P>> {
    const [envelope] = await this.appendMany(manager, [event]);
    return envelope;
  }

  /** Several events in one statement (one round trip), in the order given. */
  async appendMany<P extends object>(manager: EntityManager, events: OutgoingEvent<P>[]): Promise<EventEnvelope<P>[]> {
    if (events.length === 0) return [];
    const rows = events.map((event) => this.prepare(event));
    // Written with the transaction's other deferred rows just before it commits, in this order.
    await this.deferred.add(manager, OUTBOX_INSERT, rows.map((r) => [r.envelope.id, r.subject, r.envelope.type, r.serialised]));
    // The relay is woken once the rows are visible: at the caller's commit, or now when there is no transaction.
    this.deferred.afterCommit(manager, this.wakeRelay);
    return rows.map((r) => r.envelope);
  }

  private prepare<P extends object>(event: OutgoingEvent<P>): { envelope: EventEnvelope<P>; subject: string; serialised: string } {
    const def = EVENT_CATALOG[event.type];
    if (!def) throw new Error(`event type ${event.type} is not in the catalog`);
    const direction = def.direction === 'both' ? event.direction : def.direction;
    if (!direction || (event.direction && event.direction !== direction)) {
      throw new Error(`event type ${event.type} travels ${def.direction}; asked to send it ${event.direction ?? 'without a direction'}`);
    }
    const route: Route = { direction, parent: event.parent, child: event.child, type: event.type };
    const envelope: EventEnvelope<P> = {
      id: uuidv7(),
      type: event.type,
      sender: direction === 'up' ? event.child : event.parent,
      occurredAt: new Date().toISOString(),
      payload: event.payload,
    };
    const serialised = JSON.stringify(envelope);
    if (Buffer.byteLength(serialised) > STORY_LIMITS.eventBytes) {
      throw new Error(`event ${envelope.id} (${event.type}) is ${Buffer.byteLength(serialised)} bytes, over the ${STORY_LIMITS.eventBytes} limit`);
    }
    return { envelope, subject: subjectOf(route), serialised };
  }
}
