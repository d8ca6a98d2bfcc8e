import { Injectable, Optional } from '@nestjs/common';
import {
  Direction,
  EventEnvelope,
  eventDefinition,
  EVENT_CATALOG,
  EventDefinition,
  Route,
  STORY_LIMITS,
  subjectOf,
  TreeEvents,
  TreeEventType,
} from '@syn/contracts';
import { currentRequestId } from '@syn/observability';
import { DeferredInsert, DeferredInserts, SqlStatement } from '@syn/persistence';
import { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { OutboxCommitSignal } from './outbox-commit.signal';
import { MAX_RIDERS } from '../consumer/event-decoder';

interface PreparedEvent {
  envelope: EventEnvelope<object>;
  subject: string;
  serialised: string;
  requestId: string | null;
  route: Route;
}

/**
 * The transaction's outbox rows, written just before it commits. An event whose type may ride
 * (the catalog's `rides`, e.g. ledger.reported) and that goes the same hop as another event of the
 * transaction about the same story travels inside that one's message (`riders`) instead of as a
 * message of its own: one publish, one delivery and one consumer apply fewer. Its envelope and id
 * are unchanged, so the receiver's inbox and handler see it exactly as if it had come alone.
 */
class OutboxInsert extends DeferredInsert {
  constructor() {
    super('outbox', [
      { name: 'event_id', type: 'uuid' },
      { name: 'subject', type: 'text' },
      { name: 'type', type: 'text' },
      { name: 'envelope', type: 'text' },
      { name: 'request_id', type: 'text' },
    ]);
  }

  override statement(rows: readonly unknown[][]): SqlStatement | null {
    const events = rows.map((r) => r[0] as PreparedEvent);
    // The first event of each hop and story that may carry others.
    const carriers = new Map<string, { event: PreparedEvent; riders: string[]; bytes: number }>();
    for (const e of events) {
      const story = storyOf(e.envelope.payload);
      const key = `${hopOf(e.subject)}|${story}`;
      if (!eventDefinition(e.envelope.type)?.rides && story && !carriers.has(key))
        carriers.set(key, { event: e, riders: [], bytes: Buffer.byteLength(e.serialised) });
    }
    const alone: PreparedEvent[] = [];
    for (const e of events) {
      const story = storyOf(e.envelope.payload);
      const carrier = eventDefinition(e.envelope.type)?.rides && story ? carriers.get(`${hopOf(e.subject)}|${story}`) : undefined;
      const bytes = Buffer.byteLength(e.serialised) + 1;
      // Room for the riders key too; an event that does not fit goes alone.
      if (carrier && carrier.riders.length < MAX_RIDERS && carrier.bytes + bytes + 16 <= STORY_LIMITS.eventBytes) {
        carrier.riders.push(e.serialised);
        carrier.bytes += bytes;
      } else {
        alone.push(e);
      }
    }
    const withRiders = new Map([...carriers.values()].filter((c) => c.riders.length > 0).map((c) => [c.event, c.riders]));
    return super.statement(
      alone.map((e) => {
        const riders = withRiders.get(e);
        // The envelope is a JSON object: its riders go in before the closing brace.
        const envelope = riders ? `${e.serialised.slice(0, -1)},"riders":[${riders.join(',')}]}` : e.serialised;
        return [e.envelope.id, e.subject, e.envelope.type, envelope, e.requestId];
      }),
    );
  }
}

const OUTBOX_INSERT = new OutboxInsert();

/** syn.<direction>.<parent>.<child>: the subject without its event type. */
function hopOf(subject: string): string {
  return subject.split('.').slice(0, 4).join('.');
}

/** The story an event is about, for riders: payload.story.id or payload.storyId. */
function storyOf(payload: object): string | undefined {
  const p = payload as { story?: { id?: unknown }; storyId?: unknown };
  const id = p.story?.id ?? p.storyId;
  return typeof id === 'string' ? id : undefined;
}

/** A NOTIFY on this channel wakes the relay: for tools that write outbox rows from outside the app. */
export const OUTBOX_CHANNEL = 'syn_outbox';

/** An event to send, with the payload its type carries: a payload of another type does not compile. */
export interface OutgoingEvent<T extends TreeEventType = TreeEventType> {
  type: T;
  /** parent/child of the hop; direction comes from the event catalog. */
  parent: string;
  child: string;
  payload: TreeEvents[T];
  /** Required for events the catalog lets travel both ways; must match the catalog otherwise. */
  direction?: Direction;
}

/** An event as appended, with the hop it takes. */
export interface AppendedEvent {
  envelope: EventEnvelope<object>;
  route: Route;
}

/**
 * Work that must commit with the events that cause it, whichever code path wrote them (media that
 * follow a story to the center its event goes to). Runs inside the caller's transaction.
 */
export type OutboxAppendListener = (m: EntityManager, events: readonly AppendedEvent[]) => Promise<void>;

/**
 * Appends events inside the caller's transaction: the change and its announcement commit or
 * vanish together, which is what makes "never lost" hold across a crash before publish.
 */
@Injectable()
export class OutboxWriter {
  private readonly listeners: OutboxAppendListener[] = [];

  onAppend(listener: OutboxAppendListener): void {
    this.listeners.push(listener);
  }

  constructor(
    @Optional() private readonly signal: OutboxCommitSignal = new OutboxCommitSignal(),
    @Optional() private readonly deferred: DeferredInserts = new DeferredInserts(),
  ) {}

  /** One function for every append, so that a transaction wakes the relay once however many events it wrote. */
  private readonly wakeRelay = () => this.signal.committed();

  async append<T extends TreeEventType>(manager: EntityManager, event: OutgoingEvent<T>): Promise<EventEnvelope<TreeEvents[T]>> {
    const [envelope] = await this.appendMany<T>(manager, [event]);
    return envelope;
  }

  /** Several events in one statement (one round trip), in the order given. */
  async appendMany<T extends TreeEventType>(manager: EntityManager, events: OutgoingEvent<T>[]): Promise<EventEnvelope<TreeEvents[T]>[]> {
    if (events.length === 0) return [];
    const rows = events.map((event) => this.prepare(event));
    // Written with the transaction's other deferred rows just before it commits, in this order.
    await this.deferred.add(
      manager,
      OUTBOX_INSERT,
      rows.map((r) => [r]),
    );
    // The relay is woken once the rows are visible: at the caller's commit, or now when there is no transaction.
    this.deferred.afterCommit(manager, this.wakeRelay);
    for (const listen of this.listeners) await listen(manager, rows);
    return rows.map((r) => r.envelope as EventEnvelope<TreeEvents[T]>);
  }

  private prepare(event: OutgoingEvent): { envelope: EventEnvelope<object>; subject: string; serialised: string; requestId: string | null; route: Route } {
    const def = EVENT_CATALOG[event.type] as EventDefinition | undefined;
    if (!def) throw new Error(`event type ${event.type} is not in the catalog`);
    const direction = def.direction === 'both' ? event.direction : def.direction;
    if (!direction || (event.direction && event.direction !== direction)) {
      throw new Error(`event type ${event.type} travels ${def.direction}; asked to send it ${event.direction ?? 'without a direction'}`);
    }
    const route: Route = { direction, parent: event.parent, child: event.child, type: event.type };
    const envelope: EventEnvelope<object> = {
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
    // The request this runs for (HTTP, gRPC or a consumed event), so the receiver can log under the same id.
    return { envelope, subject: subjectOf(route), serialised, requestId: currentRequestId() ?? null, route };
  }
}
