import type { Author } from '@syn/contracts';

/**
 * Credits of a merged story: every member's authors once (by name and role, first seen first) and
 * every distinct byline, joined with a full-width semicolon, the merged-into story's own first.
 */
export function mergedCredits(members: ReadonlyArray<{ byline: string; authors: readonly Author[] }>): { byline: string; authors: Author[] } {
  const authors: Author[] = [];
  const seen = new Set<string>();
  for (const m of members) {
    for (const a of m.authors) {
      const key = `${a.name}\u0000${a.role ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      authors.push(a.role ? { name: a.name, role: a.role } : { name: a.name });
    }
  }
  const bylines = [...new Set(members.map((m) => m.byline.trim()).filter(Boolean))];
  return { byline: bylines.join('；'), authors };
}
