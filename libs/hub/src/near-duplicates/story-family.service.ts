import { Injectable, Logger, NotFoundException } from '@nestjs/common';
import { hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE, simhashBands, simhashProbeKeys, simhashToPg } from '@syn/chinese-text';
import type { Author, StorySnapshot } from '@syn/contracts';
import { CenterDirectory } from '@syn/network';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { PoolSearchIndex } from '../search/pool-search-index';
import { SUBMISSION_NEAR_DUPLICATES_QUERY } from './submission-near-duplicates.sql';
import { searchableText } from '../search/searchable-text';

/** One member as the review-queue list shows it. */
export interface FamilyMemberSummary {
  storyId: string;
  originCode: string;
  originName: string;
  title: string;
  /** The submission's state in the review queue; a pooled story shows 'accepted'. */
  status: string;
  pooled: boolean;
  mergedInto: string | null;
}

export interface FamilySummary {
  familyId: string;
  members: FamilyMemberSummary[];
}

interface MemberRow {
  of_story: string;
  story_id: string;
  family_id: string;
  merged_into: string | null;
  origin_code: string;
  title: string;
  status: string | null;
  pooled: boolean;
}

/**
 * Near-duplicate families (同题稿件): several counties often file the same event. Each arriving
 * submission is fingerprinted (SimHash over its words) and joins the family of every pooled or
 * still-pending story of the hub within NEAR_DUPLICATE_MAX_DISTANCE bits; families that one story
 * links are one family. The curator sees the family side by side and may merge it (FamilyMergeService).
 */
@Injectable()
export class StoryFamilyService {
  private readonly logger = new Logger('StoryFamilies');

  constructor(
    private readonly index: PoolSearchIndex,
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
  ) {}

  /** In the transaction that queues the submission: fingerprint it and place it in its family. */
  async onSubmitted(m: EntityManager, hub: string, story: StorySnapshot): Promise<string | null> {
    const seg = this.index.segmenter;
    const body = searchableText(story.body);
    const hash = this.index.fingerprint(story.title, body);
    const titleWords = [...new Set(seg.words(story.title))];
    const words = [...new Set([...titleWords, ...seg.words(body)])];
    await m.query(
      `INSERT INTO submission_fingerprints (story_id, hub_code, version, category, tags, simhash, simhash_bands, lexemes, title_lexemes)
       VALUES ($1, $2, $3, $4, $5, $6::bigint, $7::int[], array_to_tsvector($8::text[]), array_to_tsvector($9::text[]))
       ON CONFLICT (story_id) DO UPDATE SET hub_code = EXCLUDED.hub_code, version = EXCLUDED.version, category = EXCLUDED.category,
         tags = EXCLUDED.tags, simhash = EXCLUDED.simhash, simhash_bands = EXCLUDED.simhash_bands, lexemes = EXCLUDED.lexemes,
         title_lexemes = EXCLUDED.title_lexemes`,
      [story.id, hub, story.version, story.category, story.tags, simhashToPg(hash), simhashBands(hash), words, titleWords],
    );
    // A new version is judged afresh: it leaves its family and rejoins wherever its text now belongs.
    await this.leave(m, hub, story.id);
    const pooled = await this.index.nearDuplicates(m, hub, hash, 20);
    const queued: Array<{ story_id: string; distance: number }> = await m.query(SUBMISSION_NEAR_DUPLICATES_QUERY, [
      simhashToPg(hash), simhashProbeKeys(hash), NEAR_DUPLICATE_MAX_DISTANCE, hub,
    ]);
    const near = [...new Set([...pooled.map((d) => d.storyId), ...queued.map((q) => q.story_id)])].filter((id) => id !== story.id);
    if (near.length === 0) return null;
    const families: Array<{ family_id: string }> = await m.query(
      `SELECT family_id, min(joined_at) AS since FROM story_family_members WHERE hub_code = $1 AND story_id = ANY($2::uuid[])
        GROUP BY family_id ORDER BY since`,
      [hub, near],
    );
    const familyId = families[0]?.family_id ?? uuidv7();
    if (families.length > 1) {
      // This story links families that were apart: they become one (the oldest keeps its id).
      await m.query(`UPDATE story_family_members SET family_id = $1 WHERE hub_code = $2 AND family_id = ANY($3::uuid[])`, [
        familyId, hub, families.slice(1).map((f) => f.family_id),
      ]);
    }
    await m.query(
      `INSERT INTO story_family_members (hub_code, story_id, family_id)
       SELECT $1, id, $3 FROM unnest($2::uuid[]) AS id
       ON CONFLICT (hub_code, story_id) DO UPDATE SET family_id = EXCLUDED.family_id`,
      [hub, [story.id, ...near], familyId],
    );
    this.logger.log({ msg: 'near-duplicates found', hub, storyId: story.id, familyId, near });
    return familyId;
  }

  /** Families of the given stories, keyed by story id, for the review-queue list. */
  async familiesOf(hub: string, storyIds: string[]): Promise<Map<string, FamilySummary>> {
    const out = new Map<string, FamilySummary>();
    if (storyIds.length === 0) return out;
    const rows: MemberRow[] = await this.dataSource.query(
      `SELECT x.story_id AS of_story, m.story_id, m.family_id, m.merged_into,
              coalesce(s.origin_code, p.origin_code) AS origin_code, coalesce(s.title, p.title) AS title,
              s.status, p.story_id IS NOT NULL AS pooled
         FROM story_family_members x
         JOIN story_family_members m ON m.hub_code = x.hub_code AND m.family_id = x.family_id
         LEFT JOIN submissions s ON s.story_id = m.story_id AND s.hub_code = m.hub_code
         LEFT JOIN pool_stories p ON p.story_id = m.story_id AND p.hub_code = m.hub_code
        WHERE x.hub_code = $1 AND x.story_id = ANY($2::uuid[])
        ORDER BY m.joined_at, m.story_id`,
      [hub, storyIds],
    );
    for (const r of rows) {
      if (r.title === null) continue;
      let f = out.get(r.of_story);
      if (!f) out.set(r.of_story, (f = { familyId: r.family_id, members: [] }));
      f.members.push({ storyId: r.story_id, originCode: r.origin_code.trim(), originName: this.nameOf(r.origin_code.trim()), title: r.title, status: r.status ?? 'accepted', pooled: r.pooled, mergedInto: r.merged_into });
    }
    return out;
  }

  /**
   * The family of a story in the review queue, side by side: each member's full text (the
   * version in the queue, or the pooled text), its state, and its distance in bits from the story asked about.
   */
  async family(hub: string, storyId: string) {
    const self: Array<{ story_id: string }> = await this.dataSource.query(`SELECT story_id FROM submissions WHERE hub_code = $1 AND story_id = $2`, [hub, storyId]);
    if (self.length === 0) throw new NotFoundException(`story ${storyId} is not in the review queue of ${hub}`);
    const rows: Array<{
      story_id: string; family_id: string | null; merged_into: string | null; status: string | null; snapshot: StorySnapshot | null;
      received_at: Date | null; pooled_at: Date | null; pool_title: string | null; pool_summary: string | null; pool_body: string | null; pool_byline: string | null;
      pool_authors: Author[] | null; pool_origin: string | null; pool_version: number | null; pool_category: string | null; pool_tags: string[] | null;
      queued_hash: string | null; pooled_hash: string | null;
    }> = await this.dataSource.query(
      `WITH fam AS (
         SELECT m.story_id, m.family_id, m.merged_into, m.joined_at FROM story_family_members m
          WHERE m.hub_code = $1 AND m.family_id = (SELECT family_id FROM story_family_members WHERE hub_code = $1 AND story_id = $2)
         UNION ALL
         SELECT $2::uuid, NULL, NULL, now() WHERE NOT EXISTS (SELECT 1 FROM story_family_members WHERE hub_code = $1 AND story_id = $2)
       )
       SELECT fam.story_id, fam.family_id, fam.merged_into, s.status, s.snapshot, s.received_at,
              p.pooled_at, p.title AS pool_title, p.summary AS pool_summary, p.body AS pool_body, p.byline AS pool_byline,
              p.authors AS pool_authors, p.origin_code AS pool_origin, p.version AS pool_version, p.category AS pool_category, p.tags AS pool_tags,
              f.simhash::text AS queued_hash, d.simhash::text AS pooled_hash
         FROM fam
         LEFT JOIN submissions s ON s.story_id = fam.story_id AND s.hub_code = $1
         LEFT JOIN pool_stories p ON p.story_id = fam.story_id AND p.hub_code = $1
         LEFT JOIN submission_fingerprints f ON f.story_id = fam.story_id
         LEFT JOIN pool_search_docs d ON d.story_id = fam.story_id
        ORDER BY fam.joined_at, fam.story_id`,
      [hub, storyId],
    );
    const hashOf = (r: (typeof rows)[number]) => r.queued_hash ?? r.pooled_hash;
    const own = rows.find((r) => r.story_id === storyId);
    const ownHash = own ? hashOf(own) : null;
    const members = rows
      .filter((r) => r.snapshot || r.pool_title !== null)
      .map((r) => {
        // A pending version is what the curator decides on; otherwise the text as pooled (maybe curated).
        const queued = r.snapshot && (r.status === 'pending' || r.pool_title === null);
        const origin = (queued ? r.snapshot!.originCode : r.pool_origin!).trim();
        const hash = hashOf(r);
        return {
          storyId: r.story_id,
          originCode: origin,
          originName: this.nameOf(origin),
          status: r.status ?? 'accepted',
          pooled: r.pool_title !== null,
          mergedInto: r.merged_into,
          distance: hash && ownHash ? hammingDistance(hash, ownHash) : null,
          version: queued ? r.snapshot!.version : r.pool_version!,
          title: queued ? r.snapshot!.title : r.pool_title!,
          summary: queued ? (r.snapshot!.summary ?? null) : r.pool_summary,
          body: queued ? r.snapshot!.body : r.pool_body!,
          byline: queued ? r.snapshot!.byline : r.pool_byline!,
          authors: queued ? r.snapshot!.authors : r.pool_authors!,
          category: queued ? r.snapshot!.category : r.pool_category!,
          tags: queued ? r.snapshot!.tags : r.pool_tags!,
          receivedAt: r.received_at?.toISOString() ?? null,
          pooledAt: r.pooled_at?.toISOString() ?? null,
        };
      })
      // The story asked about first, then its nearest relatives.
      .sort((a, b) => (a.storyId === storyId ? -1 : b.storyId === storyId ? 1 : (a.distance ?? 99) - (b.distance ?? 99)));
    return { storyId, familyId: rows[0]?.family_id ?? null, members };
  }

  /** Marks the stories a merge folded into `into`. */
  async markMerged(m: EntityManager, hub: string, storyIds: string[], into: string): Promise<void> {
    await m.query(`UPDATE story_family_members SET merged_into = $3 WHERE hub_code = $1 AND story_id = ANY($2::uuid[])`, [hub, storyIds, into]);
  }

  /** The family id of each of these stories (absent when alone). */
  async familyIds(m: EntityManager, hub: string, storyIds: string[]): Promise<Map<string, string>> {
    const rows: Array<{ story_id: string; family_id: string }> = await m.query(
      `SELECT story_id, family_id FROM story_family_members WHERE hub_code = $1 AND story_id = ANY($2::uuid[])`,
      [hub, storyIds],
    );
    return new Map(rows.map((r) => [r.story_id, r.family_id]));
  }

  private async leave(m: EntityManager, hub: string, storyId: string): Promise<void> {
    const left: Array<{ family_id: string }> = await m.query(
      `DELETE FROM story_family_members WHERE hub_code = $1 AND story_id = $2 RETURNING family_id`,
      [hub, storyId],
    );
    if (left.length === 0) return;
    // A family of one is no family.
    await m.query(
      `DELETE FROM story_family_members WHERE hub_code = $1 AND family_id = $2
         AND (SELECT count(*) FROM story_family_members WHERE hub_code = $1 AND family_id = $2) = 1`,
      [hub, left[0].family_id],
    );
  }

  private nameOf(code: string): string {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}
