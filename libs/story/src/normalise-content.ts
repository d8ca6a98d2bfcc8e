import type { StoryContent } from '@syn/contracts';
import { sanitizeBody } from './sanitize-body';

/** What an editor's form sends for a story's content: the fields a center may leave out are optional. */
export interface StoryContentInput {
  title: string;
  summary?: string | null;
  body: string;
  byline: string;
  authors?: StoryContent['authors'];
  category: string;
  tags?: string[];
  regionCode?: string;
  mediaRefs?: StoryContent['mediaRefs'];
  priority?: StoryContent['priority'];
  embargoUntil?: string | Date | null;
}

/**
 * A story's content as every center stores it and hashes it: text trimmed, the body's HTML
 * sanitised, tags de-duplicated, the region defaulting to the writing center's. Undefined when
 * nothing is left of the body once sanitised: the caller refuses it, naming its own field.
 */
export function normaliseContent(input: StoryContentInput, center: string): StoryContent | undefined {
  const body = sanitizeBody(input.body);
  if (!body) return undefined;
  return {
    title: input.title.trim(),
    summary: input.summary?.trim() || null,
    body,
    byline: input.byline.trim(),
    authors: (input.authors ?? []).map((a) => ({ name: a.name.trim(), ...(a.role ? { role: a.role } : {}) })),
    category: input.category.trim(),
    tags: [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))],
    regionCode: input.regionCode ?? center,
    mediaRefs: (input.mediaRefs ?? []).map((r) => ({ url: r.url, kind: r.kind, ...(r.caption ? { caption: r.caption } : {}) })),
    priority: input.priority ?? 'normal',
    embargoUntil: input.embargoUntil ? new Date(input.embargoUntil).toISOString() : null,
  };
}
