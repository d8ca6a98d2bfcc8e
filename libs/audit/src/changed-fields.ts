/**
 * The part of two states that differs, as the before/after pair the audit log stores: an edit of
 * the title records the old and new title, not the whole story twice.
 */
export function changedFields<T extends object>(before: T, after: T, keys: Array<keyof T>): { before: Partial<T>; after: Partial<T> } {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  for (const k of keys) {
    if (JSON.stringify(normalise(before[k])) !== JSON.stringify(normalise(after[k]))) {
      b[k] = normalise(before[k]) as T[keyof T];
      a[k] = normalise(after[k]) as T[keyof T];
    }
  }
  return { before: b, after: a };
}

function normalise(v: unknown): unknown {
  if (v instanceof Date) return v.toISOString();
  return v === undefined ? null : v;
}
