import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { eventDefinition, subjectOf } from '@syn/contracts';
import { v7 as uuidv7 } from 'uuid';

/**
 * Publishes one well-formed event on the bus as `sender` would, for contracts whose sending side
 * another part of the network owns (the city's 推荐, say). Returns the event id.
 */
export async function publishEvent(
  natsUrl: string,
  e: { type: string; parent: string; child: string; payload: object; direction?: 'up' | 'down' },
): Promise<string> {
  const def = eventDefinition(e.type);
  if (!def) throw new Error(`unknown event type ${e.type}`);
  const direction = e.direction ?? (def.direction === 'both' ? undefined : def.direction);
  if (!direction) throw new Error(`event type ${e.type} travels both ways: say which`);
  const id = uuidv7();
  const envelope = { id, type: e.type, sender: direction === 'up' ? e.child : e.parent, occurredAt: new Date().toISOString(), payload: e.payload };
  const nc = await connect({ servers: natsUrl });
  try {
    await jetstream(nc).publish(subjectOf({ direction, parent: e.parent, child: e.child, type: e.type }), JSON.stringify(envelope), { msgID: id });
  } finally {
    await nc.close();
  }
  return id;
}
