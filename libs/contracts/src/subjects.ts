/**
 * Subjects carry the route so that NATS permissions can enforce it:
 *   syn.up.<parent>.<child>.<type>     a child (the sender) addresses its parent
 *   syn.down.<parent>.<child>.<type>   a parent (the sender) addresses one child
 * A center consumes `syn.up.<self>.>` (from its children) and `syn.down.*.<self>.>` (from its parent),
 * and may publish only `syn.up.<its parent>.<self>.>` and `syn.down.<self>.*.>`.
 */
export type Direction = 'up' | 'down';

export const SUBJECT_ROOT = 'syn';
export const STREAM_NAME = 'SYN';

export interface Route {
  direction: Direction;
  parent: string;
  child: string;
  type: string;
}

const CODE = /^\d{6}$/;
const TYPE = /^[a-z]+(\.[a-z-]+)+$/;

export function subjectOf(route: Route): string {
  if (!CODE.test(route.parent) || !CODE.test(route.child)) throw new Error(`bad route codes ${route.parent}/${route.child}`);
  if (!TYPE.test(route.type)) throw new Error(`bad event type ${route.type}`);
  return `${SUBJECT_ROOT}.${route.direction}.${route.parent}.${route.child}.${route.type}`;
}

export function parseSubject(subject: string): Route | null {
  const parts = subject.split('.');
  if (parts.length < 6 || parts[0] !== SUBJECT_ROOT) return null;
  const [, direction, parent, child, ...type] = parts;
  if (direction !== 'up' && direction !== 'down') return null;
  if (!CODE.test(parent) || !CODE.test(child)) return null;
  const t = type.join('.');
  if (!TYPE.test(t)) return null;
  return { direction, parent, child, type: t };
}

/** The sender a subject proves: the child going up, the parent going down. */
export function senderOf(route: Route): string {
  return route.direction === 'up' ? route.child : route.parent;
}

export function recipientOf(route: Route): string {
  return route.direction === 'up' ? route.parent : route.child;
}

export const inboundFilters = (center: string) => ({
  fromChildren: `${SUBJECT_ROOT}.up.${center}.>`,
  fromParent: `${SUBJECT_ROOT}.down.*.${center}.>`,
});
