import { Direction, eventDefinition, TreeEvents, TreeEventType } from '@syn/contracts';
import type { EventHandler } from './event-handler';

export const TREE_EVENT_HANDLER = Symbol('tree event handler');

/** What a handler class applies: one event type, one direction or both where the catalog allows. */
export interface TreeEventBinding {
  type: TreeEventType;
  direction: Direction | 'both';
}

/**
 * Declares a provider as the handler of one event type; the registry finds it at start-up. The
 * handler must take the payload the event map gives that type, or the class does not compile.
 * Without a direction, the catalog's is used; an event that travels both ways (corrections,
 * takedowns, receipts) is then consumed in each direction that can reach a hosted center.
 */
export function OnTreeEvent<T extends TreeEventType>(type: T, direction?: Direction) {
  const def = eventDefinition(type);
  if (!def) throw new Error(`@OnTreeEvent: event type ${type} is not in the catalog`);
  if (direction && def.direction !== 'both' && def.direction !== direction) {
    throw new Error(`@OnTreeEvent: event type ${type} travels ${def.direction}, not ${direction}`);
  }
  const binding: TreeEventBinding = { type, direction: direction ?? def.direction };
  return <C extends abstract new (...args: never[]) => EventHandler<TreeEvents[T]>>(target: C): void => {
    Reflect.defineMetadata(TREE_EVENT_HANDLER, binding, target);
  };
}

export function treeEventBindingOf(target: object): TreeEventBinding | undefined {
  return Reflect.getMetadata(TREE_EVENT_HANDLER, target) as TreeEventBinding | undefined;
}
