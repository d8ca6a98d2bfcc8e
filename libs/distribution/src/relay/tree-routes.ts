import type { CenterDirectory } from '@syn/network';

/**
 * Where a message goes next on the tree. Events travel one hop at a time (a child's parent, or a
 * parent's child); these functions decide which hop, from the center tree alone.
 */

/** The child of `from` on the way down to `to`, or null when `to` is `from` or not below it. */
export function nextHopDown(dir: CenterDirectory, from: string, to: string): string | null {
  if (!dir.has(to) || from === to) return null;
  for (let c = dir.get(to); c.parent; c = dir.get(c.parent)) {
    if (c.parent === from) return c.code;
  }
  return null;
}

/** True when `center` is a target or lies inside a target's subtree (a target with children fans out). */
export function isTargeted(dir: CenterDirectory, center: string, targets: readonly string[]): boolean {
  return targets.some((t) => dir.isSelfOrAncestor(t, center));
}

/** The target that covers `center` (itself or its nearest targeted ancestor), or null. */
export function targetCovering(dir: CenterDirectory, center: string, targets: readonly string[]): string | null {
  if (!dir.has(center)) return null;
  for (let c: string | null = center; c; c = dir.get(c).parent) {
    if (targets.includes(c)) return c;
  }
  return null;
}

/**
 * The children of `from` a downward item must reach: those with a target in their subtree, and
 * all of them when `from` is itself covered by a target.
 */
export function childrenToward(dir: CenterDirectory, from: string, targets: readonly string[]): string[] {
  return dir
    .childrenOf(from)
    .filter((c) => isTargeted(dir, c.code, targets) || targets.some((t) => dir.has(t) && dir.isSelfOrAncestor(c.code, t)))
    .map((c) => c.code);
}

/** Targets that are not strictly below `issuer`: a center can only aim downward. */
export function targetsOutside(dir: CenterDirectory, issuer: string, targets: readonly string[]): string[] {
  return targets.filter((t) => !dir.has(t) || t === issuer || !dir.isSelfOrAncestor(issuer, t));
}
