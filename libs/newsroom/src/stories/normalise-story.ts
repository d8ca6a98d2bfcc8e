import { BadRequestException } from '@nestjs/common';
import { StoryContent } from '@syn/contracts';
import { sanitizeBody } from '@syn/story';
import { CreateStoryDto } from './story.dto';

/**
 * A story's content as the county stores it: text trimmed, the body's HTML sanitised, tags
 * de-duplicated, the region defaulting to the center. Its content hash is taken over this.
 */
export function normaliseStory(center: string, dto: CreateStoryDto): StoryContent {
  const body = sanitizeBody(dto.body);
  if (!body) throw new BadRequestException({ statusCode: 400, message: ['body: nothing left after removing unsafe HTML'], fields: ['body'] });
  return {
    title: dto.title.trim(),
    summary: dto.summary?.trim() || null,
    body,
    byline: dto.byline.trim(),
    authors: (dto.authors ?? []).map((a) => ({ name: a.name.trim(), ...(a.role ? { role: a.role } : {}) })),
    category: dto.category.trim(),
    tags: [...new Set((dto.tags ?? []).map((t) => t.trim()).filter(Boolean))],
    regionCode: dto.regionCode ?? center,
    mediaRefs: (dto.mediaRefs ?? []).map((r) => ({ url: r.url, kind: r.kind, ...(r.caption ? { caption: r.caption } : {}) })),
    priority: dto.priority ?? 'normal',
    embargoUntil: dto.embargoUntil ? new Date(dto.embargoUntil).toISOString() : null,
  };
}
