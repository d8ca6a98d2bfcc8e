import { createHash } from 'node:crypto';
import type { StoryContent } from '@syn/contracts';

/**
 * sha256 over a canonical form of the content (fixed key order, absent = null), so the same
 * content hashes the same at every center whatever JSON key order it travelled in.
 */
export function contentHash(c: StoryContent): string {
  const canonical = [
    c.title,
    c.summary ?? null,
    c.body,
    c.byline,
    c.authors.map((a) => [a.name, a.role ?? null]),
    c.category,
    c.tags,
    c.regionCode,
    c.mediaRefs.map((m) => [m.url, m.kind, m.caption ?? null]),
    c.priority,
    c.embargoUntil ? new Date(c.embargoUntil).toISOString() : null,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
