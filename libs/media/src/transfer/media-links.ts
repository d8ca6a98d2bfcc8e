import type { EntityManager } from 'typeorm';
import { sha256OfMediaUrl } from '../media-kind';

export interface MediaLink {
  center: string;
  storyId: string;
  sha256: string;
  originCode: string;
  kind: string;
  caption: string | null;
  embargoUntil: string | null;
}

/** A story's media at a center; a later version of the story updates caption and embargo. */
export async function upsertLinks(m: EntityManager, links: readonly MediaLink[]): Promise<void> {
  if (links.length === 0) return;
  await m.query(
    `INSERT INTO media_links (center_code, story_id, sha256, origin_code, kind, caption, embargo_until)
     SELECT * FROM unnest($1::char(6)[], $2::uuid[], $3::char(64)[], $4::char(6)[], $5::text[], $6::text[], $7::timestamptz[])
     ON CONFLICT (center_code, story_id, sha256) DO UPDATE SET caption = EXCLUDED.caption, embargo_until = EXCLUDED.embargo_until`,
    [
      links.map((l) => l.center),
      links.map((l) => l.storyId),
      links.map((l) => l.sha256),
      links.map((l) => l.originCode),
      links.map((l) => l.kind),
      links.map((l) => l.caption),
      links.map((l) => l.embargoUntil),
    ],
  );
}

/** What a story says about its media: a snapshot on an event, a release's, a pooled story read for 转载. */
export interface StoryMediaOf {
  id: string;
  originCode: string;
  embargoUntil?: string | null;
  mediaRefs?: ReadonlyArray<{ url: string; kind: string; caption?: string | null }>;
}

/** The story's links at `center`: one per `media:` ref (media hosted elsewhere have none). */
export function linksOf(center: string, story: StoryMediaOf): MediaLink[] {
  const links: MediaLink[] = [];
  for (const ref of story.mediaRefs ?? []) {
    const sha256 = sha256OfMediaUrl(ref.url);
    if (!sha256) continue;
    links.push({
      center,
      storyId: story.id,
      sha256,
      originCode: story.originCode,
      kind: ref.kind,
      caption: ref.caption ?? null,
      embargoUntil: story.embargoUntil ?? null,
    });
  }
  return links;
}
