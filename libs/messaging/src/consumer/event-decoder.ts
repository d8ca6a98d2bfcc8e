import { eventDefinition, EventEnvelope, EventEnvelopeHead, parseSubject, Route, senderOf, STORY_LIMITS } from '@syn/contracts';
import { ObjectValidationError, validateObject } from '@syn/story';
import type { Direction } from '@syn/contracts';
import type { EventHandler, InboundEvent } from './event-handler';
import { EventHandlerRegistry } from './event-handler.registry';
import { PoisonMessageError } from './poison-message.error';

export interface Decoded {
  event: InboundEvent;
  handler: EventHandler;
}

/** Most events a message may carry besides its own (riders: see OutboxWriter). */
export const MAX_RIDERS = 64;

interface Expected {
  direction: Direction;
  recipient: string;
  senders?: ReadonlySet<string>;
}

/**
 * Turns raw bytes into a trusted event or a PoisonMessageError naming why not. Every check
 * that does not need the database happens here, before any transaction starts.
 */
export async function decodeEvent(registry: EventHandlerRegistry, expected: Expected, subject: string, data: Uint8Array): Promise<Decoded> {
  return (await decodeMessage(registry, expected, subject, data))[0];
}

/**
 * The message's own event first, then the events that rode with it (same hop, same checks each,
 * each with its own id for the inbox). One bad rider makes the whole message poison: it was
 * written in one transaction and is parked as one.
 */
export async function decodeMessage(registry: EventHandlerRegistry, expected: Expected, subject: string, data: Uint8Array): Promise<Decoded[]> {
  if (data.byteLength > STORY_LIMITS.eventBytes) {
    throw new PoisonMessageError(`oversize payload: ${data.byteLength} bytes, limit ${STORY_LIMITS.eventBytes}`);
  }
  const route = parseSubject(subject);
  if (!route) throw new PoisonMessageError(`subject ${subject} does not carry a valid route`);
  const recipient = route.direction === 'up' ? route.parent : route.child;
  if (route.direction !== expected.direction || recipient !== expected.recipient) {
    throw new PoisonMessageError(`subject ${subject} is not addressed to ${expected.recipient} (${expected.direction})`);
  }
  // Subjects are single hops: a down event comes from the recipient's parent, an up event from one of its children.
  if (expected.senders && !expected.senders.has(senderOf(route))) {
    throw new PoisonMessageError(
      `subject ${subject}: ${senderOf(route)} is not ${expected.direction === 'up' ? 'a child' : 'the parent'} of ${expected.recipient}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(data).toString('utf8'));
  } catch (e) {
    throw new PoisonMessageError(`malformed JSON: ${(e as Error).message}`);
  }
  const { riders, ...own } = (raw ?? {}) as Record<string, unknown>;
  const host = await decodeEnvelope(registry, route, recipient, subject, own, true);
  if (riders === undefined) return [host];
  if (!Array.isArray(riders) || riders.length > MAX_RIDERS) {
    throw new PoisonMessageError(`event ${host.event.envelope.id}: riders must be an array of at most ${MAX_RIDERS} events`);
  }
  const out = [host];
  for (const r of riders) {
    const rider = await decodeEnvelope(registry, { ...route, type: (r as { type?: string })?.type ?? '' }, recipient, subject, r, false);
    if (!eventDefinition(rider.event.route.type)?.rides) {
      throw new PoisonMessageError(`event ${host.event.envelope.id}: ${rider.event.route.type} may not ride on another event`);
    }
    out.push(rider);
  }
  return out;
}

async function decodeEnvelope(registry: EventHandlerRegistry, route: Route, recipient: string, subject: string, raw: unknown, own: boolean): Promise<Decoded> {
  let envelope: EventEnvelope;
  try {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ObjectValidationError(['must be an object']);
    const { payload, ...head } = raw as Record<string, unknown>;
    envelope = { ...(await validateObject(EventEnvelopeHead, head)), payload } as EventEnvelope;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new ObjectValidationError(['payload: must be an object']);
  } catch (e) {
    throw new PoisonMessageError(`${own ? 'envelope' : 'rider envelope'} invalid: ${(e as Error).message}`);
  }
  if (own && envelope.type !== route.type) {
    throw new PoisonMessageError(`event ${envelope.id}: type ${envelope.type} does not match subject type ${route.type}`);
  }
  if (envelope.sender !== senderOf(route)) {
    throw new PoisonMessageError(
      `event ${envelope.id}: origin mismatch, payload claims sender ${envelope.sender} but the subject was sent by ${senderOf(route)}`,
    );
  }
  const def = eventDefinition(route.type);
  const handler = registry.find(route.direction, route.type);
  if (!def || !handler || (def.direction !== 'both' && def.direction !== route.direction)) {
    throw new PoisonMessageError(`event ${envelope.id}: unknown event type ${route.type} for ${route.direction} at ${recipient}`);
  }
  let payload: object;
  try {
    payload = await validateObject(def.payload, envelope.payload);
  } catch (e) {
    throw new PoisonMessageError(`event ${envelope.id} (${route.type}) payload invalid: ${(e as Error).message}`);
  }
  return { event: { envelope: { ...envelope, payload }, payload, route, subject, recipient }, handler };
}
