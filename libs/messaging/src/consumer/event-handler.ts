import type { Direction, EventEnvelope, Route } from '@syn/contracts';
import type { EntityManager } from 'typeorm';

export interface InboundEvent<P = unknown> {
  envelope: EventEnvelope<P>;
  payload: P;
  route: Route;
  subject: string;
  /** The hosted center this event is addressed to. */
  recipient: string;
}

/**
 * Applies one event type inside the consumer's transaction; declared with @OnTreeEvent. It must
 * only write through `manager`, so that its effect and the inbox record commit together.
 * (Function-typed members, not methods, so that a handler of another payload does not type-check.)
 */
export interface EventHandler<P = unknown> {
  handle: (manager: EntityManager, event: InboundEvent<P>) => Promise<void>;
  /**
   * Optional: applies several events of this type at once (set-based SQL instead of a round trip
   * per event). Same contract as handle(): throw for the batch to be retried one event at a
   * time through handle(), which is how a poison event in a batch is isolated.
   */
  handleBatch?: (manager: EntityManager, events: InboundEvent<P>[]) => Promise<void>;
}

/** A handler with the event type and direction it was registered for. */
export interface BoundEventHandler {
  type: string;
  direction: Direction;
  handler: EventHandler;
}
