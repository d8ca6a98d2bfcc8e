import { BadRequestException } from '@nestjs/common';
import type { Priority, StoryContent } from '@syn/contracts';
import { sanitizeBody } from '@syn/story';
import type { ReleaseStoryInput } from './release.dto';

/** The canonical content of a desk-written release: sanitised, trimmed, defaults filled in. */
export function releaseContent(issuer: string, input: ReleaseStoryInput, priority: Priority = 'normal'): StoryContent {
  const body = sanitizeBody(input.body);
  if (!body) throw new BadRequestException({ statusCode: 400, message: ['story.body: nothing left after removing unsafe HTML'], fields: ['story.body'] });
  return {
    title: input.title.trim(),
    summary: input.summary?.trim() || null,
    body,
    byline: input.byline.trim(),
    authors: (input.authors ?? []).map((a) => ({ name: a.name.trim(), ...(a.role ? { role: a.role } : {}) })),
    category: input.category.trim(),
    tags: [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))],
    regionCode: input.regionCode ?? issuer,
    mediaRefs: (input.mediaRefs ?? []).map((r) => ({ url: r.url, kind: r.kind, ...(r.caption ? { caption: r.caption } : {}) })),
    priority,
    embargoUntil: input.embargoUntil ? new Date(input.embargoUntil).toISOString() : null,
  };
}
