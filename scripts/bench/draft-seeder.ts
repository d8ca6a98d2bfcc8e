import { type CreateStoryDto, normaliseStory } from '@syn/newsroom';
import { contentHash } from '@syn/story';
import type { Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { storyInput } from './story-payloads';

const CHUNK = 500;

/** Who wrote a county's drafts and who signed their two review steps (the load driver's editors). */
export interface DraftSigners {
  writer: { userId: string; name: string };
  second: { userId: string; name: string };
}

/**
 * Writes reviewed drafts straight into a county app's database, as POST /stories and the two
 * review steps before 上报 leave them: the story in draft at stage 复审, 初审 signed by its writer
 * and 复审 by a second editor, its content normalised and hashed by the app's own functions. The
 * chief editor's submit, which is what the bench measures, then runs over HTTP as before. This
 * skips three HTTP requests per story that are preparation (about two minutes of a full run);
 * the warm-up still writes its drafts over HTTP, and its rate is the one reported.
 */
export async function seedReviewedDrafts(
  db: Pool,
  plan: ReadonlyArray<{ county: string; serial: number }>,
  paragraphs: string[],
  signers: (county: string) => DraftSigners,
  onProgress: (n: number) => void,
): Promise<string[]> {
  const ids: string[] = [];
  for (let done = 0; done < plan.length;) {
    const chunk = plan.slice(done, done + CHUNK);
    const now = new Date();
    const rows = chunk.map(({ county, serial }) => {
      // The body the HTTP path posts: the fields it leaves out are optional in the DTO, which the type does not say.
      const content = normaliseStory(county, storyInput(paragraphs, serial, county) as CreateStoryDto);
      const { writer, second } = signers(county);
      const at = now.toISOString();
      return {
        id: uuidv7(),
        center_code: county,
        version: 1,
        status: 'draft',
        title: content.title,
        summary: content.summary,
        body: content.body,
        byline: content.byline,
        authors: content.authors,
        category: content.category,
        tags: content.tags,
        region_code: content.regionCode,
        media_refs: content.mediaRefs,
        priority: content.priority,
        embargo_until: content.embargoUntil,
        content_hash: contentHash(content),
        review_stage: 'second',
        review_signoffs: [
          { step: 'first', userId: writer.userId, name: writer.name, at },
          { step: 'second', userId: second.userId, name: second.name, at },
        ],
        holder_id: second.userId,
        holder_name: second.name,
        created_by: writer.userId,
        created_at: at,
        updated_at: at,
      };
    });
    await db.query(
      `INSERT INTO stories (id, center_code, version, status, title, summary, body, byline, authors, category, tags, region_code, media_refs, priority,
                            embargo_until, content_hash, review_stage, review_signoffs, holder_id, holder_name, created_by, created_at, updated_at)
       SELECT id, center_code, version, status, title, summary, body, byline, authors, category, tags, region_code, media_refs, priority,
              embargo_until, content_hash, review_stage, review_signoffs, holder_id, holder_name, created_by, created_at, updated_at
       FROM json_populate_recordset(NULL::stories, $1::json)`,
      [JSON.stringify(rows)],
    );
    ids.push(...rows.map((r) => r.id));
    done += chunk.length;
    onProgress(done);
  }
  return ids;
}
