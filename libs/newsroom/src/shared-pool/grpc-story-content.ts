import type { StoryContent } from '@syn/contracts';
import type { GrpcStory } from '@syn/grpc';

/** proto3 has no null: empty strings on the wire are the absent optional fields of the story. */
export function contentOfGrpcStory(g: GrpcStory): StoryContent {
  return {
    title: g.title,
    summary: g.summary || null,
    body: g.body,
    byline: g.byline,
    authors: g.authors.map((a) => ({ name: a.name, ...(a.role ? { role: a.role } : {}) })),
    category: g.category,
    tags: g.tags,
    regionCode: g.regionCode,
    mediaRefs: g.mediaRefs.map((r) => ({ url: r.url, kind: r.kind, ...(r.caption ? { caption: r.caption } : {}) })),
    priority: g.priority,
    embargoUntil: g.embargoUntil || null,
  } as StoryContent;
}
