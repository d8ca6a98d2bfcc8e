/**
 * A consumer batch cut into consecutive parts in which no key repeats, in arrival order. A
 * set-based handler applies each part in a few statements; two events about one row (a story
 * returned, then accepted) land in different parts, so the later one applies after the earlier.
 */
export function partsWithoutRepeats<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const parts: T[][] = [];
  let seen = new Set<string>();
  for (const item of items) {
    const k = key(item);
    if (parts.length === 0 || seen.has(k)) {
      parts.push([]);
      seen = new Set();
    }
    seen.add(k);
    parts[parts.length - 1].push(item);
  }
  return parts;
}
