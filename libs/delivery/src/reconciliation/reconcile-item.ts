import { createHash } from 'node:crypto';

/** What one side knows of a story: the version it has, or that the story is withdrawn. */
export interface ReconcileItem {
  storyId: string;
  version: number;
  withdrawn: boolean;
}

export const DEFAULT_BUCKETS = 64;

/** Buckets by the random tail of the id, so ids of one day spread evenly. */
export function bucketOf(storyId: string, buckets: number): number {
  return parseInt(storyId.replace(/-/g, '').slice(-8), 16) % buckets;
}

/** Several sources may know one story: a tombstone beats any version, else the highest version wins. */
export function mergeItems<T extends ReconcileItem>(items: Iterable<T>): Map<string, T> {
  const byId = new Map<string, T>();
  for (const it of items) {
    const seen = byId.get(it.storyId);
    if (!seen || (it.withdrawn && !seen.withdrawn) || (!seen.withdrawn && !it.withdrawn && it.version > seen.version)) byId.set(it.storyId, it);
  }
  return byId;
}

const line = (it: ReconcileItem) => `${it.storyId}:${it.withdrawn ? 'W' : it.version}`;

/** sha256 per non-empty bucket over its items sorted by id; both sides compute it the same way. */
export function digestOf(items: Iterable<ReconcileItem>, buckets: number): Map<number, { hash: string; count: number }> {
  const groups = new Map<number, ReconcileItem[]>();
  for (const it of items) {
    const b = bucketOf(it.storyId, buckets);
    (groups.get(b) ?? groups.set(b, []).get(b)!).push(it);
  }
  const out = new Map<number, { hash: string; count: number }>();
  for (const [b, list] of groups) {
    list.sort((x, y) => (x.storyId < y.storyId ? -1 : x.storyId > y.storyId ? 1 : 0));
    out.set(b, { hash: createHash('sha256').update(list.map(line).join('\n')).digest('hex'), count: list.length });
  }
  return out;
}

/** Buckets whose hash differs, including buckets only one side has. */
export function differingBuckets(a: Map<number, { hash: string }>, b: Map<number, { hash: string }>): number[] {
  const all = new Set([...a.keys(), ...b.keys()]);
  return [...all].filter((k) => a.get(k)?.hash !== b.get(k)?.hash).sort((x, y) => x - y);
}

/** The smallest UUIDv7 of a moment: ids are time-ordered, so `id >= this` means "created since". */
export function uuidV7Floor(since: Date): string {
  const hex = Math.max(0, Math.floor(since.getTime())).toString(16).padStart(12, '0').slice(-12);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7000-8000-000000000000`;
}

/** Whether the parent lacks what the child has (or holds an older version of it). */
export function parentLacks(child: ReconcileItem, parent: ReconcileItem | undefined): boolean {
  if (!parent) return true;
  if (parent.withdrawn) return false;
  return child.withdrawn || parent.version < child.version;
}
