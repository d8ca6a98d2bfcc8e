import { Injectable, Logger, NotFoundException, OnApplicationShutdown } from '@nestjs/common';
import { hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE, nearDuplicateBatchSql, simhashBands, simhashProbeKeys, simhashToPg } from '@syn/chinese-text';
import type { Author, StorySnapshot } from '@syn/contracts';
import { CenterDirectory } from '@syn/network';
import { AppEnv } from '@syn/config';
import { joinStatements, TableVacuum, type SqlStatement } from '@syn/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { PoolSearchIndex } from '../search/pool-search-index';
import { placeInFamilies } from './family-placement';
import { queueAndPoolNearDuplicatesSql } from './submission-near-duplicates.sql';
import type { StoryText } from '../story-text/story-text';

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
export class StoryFamilyService implements OnApplicationShutdown {
  private readonly logger = new Logger('StoryFamilies');

  private readonly nearQueueAndPoolSql: string;
  /** The pending submissions' band rows: written here, deleted at each decision, read by index-only scans. */
  private readonly bandsVacuum: TableVacuum;

  constructor(
    private readonly index: PoolSearchIndex,
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
    env: AppEnv,
  ) {
    this.nearQueueAndPoolSql = queueAndPoolNearDuplicatesSql(nearDuplicateBatchSql(index.tables));
    this.bandsVacuum = new TableVacuum(dataSource, ['submission_bands'], env.SEARCH_VACUUM_AFTER_STORIES);
  }

  onApplicationShutdown(): Promise<void> {
    return this.bandsVacuum.idle();
  }

  /** A story's words and SimHash, worked out once for its family, the pool's search and story.pooled. */
  analyze(story: StorySnapshot): StoryText {
    return this.index.analyse(story.title, story.body, story.summary, story.tags);
  }

  /** In the transaction that queues the submission: fingerprint it and place it in its family. */
  async onSubmitted(m: EntityManager, hub: string, story: StorySnapshot): Promise<string | null> {
    const [familyId] = await this.onSubmittedMany(m, [{ hub, story }]);
    return familyId ?? null;
  }

  /**
   * A consumer batch's submissions (one per story), in two statements: the fingerprints and their
   * bands written with the old memberships left, then the pending and the pooled near-duplicates of every
   * fingerprint found together. Each story then joins its family in turn, so that two
   * near-duplicates in one batch find each other. Returns the family id of each story, or null
   * when it has none.
   *
   * `pooledNow`: the story is accepted in this same transaction (自动入库), so its words go under GIN
   * once, in the pool's search docs, which the review queue's search reads for accepted entries; its
   * fingerprint keeps the title words (for ranking) and no words of its own.
   */
  async onSubmittedMany(
    m: EntityManager,
    subs: Array<{ hub: string; story: StorySnapshot; text?: StoryText; pooledNow?: boolean }>,
  ): Promise<Array<string | null>> {
    if (subs.length === 0) return [];
    const prints = subs.map(({ hub, story, text, pooledNow }) => {
      const {
        tokens: { title, body },
        simhash: hash,
      } = text ?? this.analyze(story);
      const titleWords = [...new Set(title)];
      const words = pooledNow ? [] : [...new Set([...titleWords, ...body])];
      return { hub, story, hash, titleWords, words };
    });
    // Word lists differ in length, so each travels as one string (words never contain U+001F).
    const fingerprints: SqlStatement = {
      sql: `INSERT INTO submission_fingerprints (story_id, hub_code, version, category, tags, simhash, simhash_bands, lexemes, title_lexemes)
       SELECT story_id, hub_code, version, category, ARRAY(SELECT jsonb_array_elements_text(tags)), simhash,
              string_to_array(bands, ',')::int[], array_to_tsvector(string_to_array(words, E'\x1f')), array_to_tsvector(string_to_array(title_words, E'\x1f'))
         FROM unnest($1::uuid[], $2::text[], $3::int[], $4::text[], $5::jsonb[], $6::bigint[], $7::text[], $8::text[], $9::text[])
           AS f(story_id, hub_code, version, category, tags, simhash, bands, words, title_words)
       ON CONFLICT (story_id) DO UPDATE SET hub_code = EXCLUDED.hub_code, version = EXCLUDED.version, category = EXCLUDED.category,
         tags = EXCLUDED.tags, simhash = EXCLUDED.simhash, simhash_bands = EXCLUDED.simhash_bands, lexemes = EXCLUDED.lexemes,
         title_lexemes = EXCLUDED.title_lexemes`,
      params: [
        prints.map((p) => p.story.id),
        prints.map((p) => p.hub),
        prints.map((p) => p.story.version),
        prints.map((p) => p.story.category),
        prints.map((p) => JSON.stringify(p.story.tags)),
        prints.map((p) => simhashToPg(p.hash)),
        prints.map((p) => simhashBands(p.hash).join(',')),
        prints.map((p) => p.words.filter((w) => w.length > 0).join('\x1f')),
        prints.map((p) => p.titleWords.filter((w) => w.length > 0).join('\x1f')),
      ],
    };
    // The bands the lookups read: a new version's replace the old ones.
    const ids = prints.map((p) => p.story.id);
    const oldBands: SqlStatement = { sql: `DELETE FROM submission_bands WHERE story_id = ANY($1::uuid[])`, params: [ids] };
    const bands: SqlStatement = {
      sql: `INSERT INTO submission_bands (band_key, hub_code, simhash, story_id)
       SELECT k.band_key, u.hub_code, u.simhash, u.story_id
         FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::text[]) AS u(story_id, hub_code, simhash, bands)
        CROSS JOIN LATERAL unnest(string_to_array(u.bands, ',')::int[]) AS k(band_key)`,
      params: [ids, prints.map((p) => p.hub), prints.map((p) => simhashToPg(p.hash)), prints.map((p) => simhashBands(p.hash).join(','))],
    };
    // A new version is judged afresh: it leaves its family and rejoins wherever its text now belongs.
    // Nothing here reads what another writes: one statement (joinStatements).
    const leaving = leaveStatement(prints.map((p) => ({ hub: p.hub, storyId: p.story.id })));
    const written = joinStatements([oldBands, fingerprints, bands, leaving]);
    await this.dissolveLonely(m, deletedRows<{ hub_code: string; family_id: string }>(await m.query(written.sql, written.params)));
    this.bandsVacuum.note(prints.length);
    // The pool is not written before the batch's families are placed, so one lookup serves the batch.
    const near: Array<{ i: number; story_id: string }> = await m.query(this.nearQueueAndPoolSql, [
      prints.map((p) => simhashToPg(p.hash)),
      prints.map((p) => simhashProbeKeys(p.hash).join(',')),
      prints.map((p) => p.hub),
      NEAR_DUPLICATE_MAX_DISTANCE,
      20,
    ]);
    const nearOf = prints.map((p, i) => ({
      hub: p.hub,
      storyId: p.story.id,
      near: [...new Set(near.filter((n) => n.i === i + 1).map((n) => n.story_id))].filter((id) => id !== p.story.id),
    }));
    return this.joinMany(m, nearOf);
  }

  /**
   * Puts each story and its near-duplicates in one family, merging the families they link, for a
   * whole batch in two round trips: the families of every near-duplicate, then one statement that
   * relabels the merged families and adds the members. Stories of one batch may link each other
   * (both pending), so families are placed as connected components of the batch's links, which is
   * what joining one story after the other gives. Of the families a component links, the oldest
   * keeps its id; a component with none gets a new one.
   */
  private async joinMany(m: EntityManager, items: Array<{ hub: string; storyId: string; near: string[] }>): Promise<Array<string | null>> {
    const linked = items.filter((it) => it.near.length > 0);
    if (linked.length === 0) return items.map(() => null);
    const pairs = new Map<string, { hub: string; storyId: string }>();
    for (const it of linked) for (const id of it.near) pairs.set(`${it.hub}|${id}`, { hub: it.hub, storyId: id });
    const members: Array<{ hub_code: string; story_id: string; family_id: string; since: Date }> = await m.query(
      `SELECT f.hub_code, f.story_id, f.family_id, f.joined_at AS since
         FROM story_family_members f JOIN unnest($1::text[], $2::uuid[]) AS q(hub_code, story_id) USING (hub_code, story_id)`,
      [[...pairs.values()].map((p) => p.hub), [...pairs.values()].map((p) => p.storyId)],
    );
    const { relabel, add, familyIds } = placeInFamilies(
      linked,
      members.map((r) => ({ hub: r.hub_code, storyId: r.story_id, familyId: r.family_id, since: new Date(r.since) })),
      uuidv7,
    );
    const statements: SqlStatement[] = [];
    if (relabel.length > 0)
      statements.push({
        sql: `UPDATE story_family_members f SET family_id = r.into_id
               FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS r(hub_code, from_id, into_id)
              WHERE f.hub_code = r.hub_code AND f.family_id = r.from_id`,
        params: [relabel.map((r) => r.hub), relabel.map((r) => r.from), relabel.map((r) => r.into)],
      });
    if (add.length > 0)
      statements.push({
        sql: `INSERT INTO story_family_members (hub_code, story_id, family_id)
              SELECT * FROM unnest($1::text[], $2::uuid[], $3::uuid[])
              ON CONFLICT (hub_code, story_id) DO UPDATE SET family_id = EXCLUDED.family_id`,
        params: [add.map((a) => a.hub), add.map((a) => a.storyId), add.map((a) => a.familyId)],
      });
    if (statements.length > 0) {
      const written = joinStatements(statements);
      await m.query(written.sql, written.params);
    }
    let next = 0;
    return items.map((it) => {
      if (it.near.length === 0) return null;
      const familyId = familyIds[next++];
      this.logger.log({ msg: 'near-duplicates found', hub: it.hub, storyId: it.storyId, familyId, near: it.near });
      return familyId;
    });
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
      f.members.push({
        storyId: r.story_id,
        originCode: r.origin_code.trim(),
        originName: this.nameOf(r.origin_code.trim()),
        title: r.title,
        status: r.status ?? 'accepted',
        pooled: r.pooled,
        mergedInto: r.merged_into,
      });
    }
    return out;
  }

  /**
   * The family of a story in the review queue, side by side: each member's full text (the
   * version in the queue, or the pooled text), its state, and its distance in bits from the story asked about.
   */
  async family(hub: string, storyId: string) {
    const self: Array<{ story_id: string }> = await this.dataSource.query(`SELECT story_id FROM submissions WHERE hub_code = $1 AND story_id = $2`, [
      hub,
      storyId,
    ]);
    if (self.length === 0) throw new NotFoundException(`story ${storyId} is not in the review queue of ${hub}`);
    const rows: Array<{
      story_id: string;
      family_id: string | null;
      merged_into: string | null;
      status: string | null;
      snapshot: StorySnapshot | null;
      received_at: Date | null;
      pooled_at: Date | null;
      pool_title: string | null;
      pool_summary: string | null;
      pool_body: string | null;
      pool_byline: string | null;
      pool_authors: Author[] | null;
      pool_origin: string | null;
      pool_version: number | null;
      pool_category: string | null;
      pool_tags: string[] | null;
      queued_hash: string | null;
      pooled_hash: string | null;
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

  /** A family of one is no family: what the members that just left leave behind alone goes too. */
  private async dissolveLonely(m: EntityManager, left: ReadonlyArray<{ hub_code: string; family_id: string }>): Promise<void> {
    if (left.length === 0) return;
    await m.query(
      `DELETE FROM story_family_members f USING unnest($1::text[], $2::uuid[]) AS x(hub_code, family_id)
        WHERE f.hub_code = x.hub_code AND f.family_id = x.family_id
          AND (SELECT count(*) FROM story_family_members o WHERE o.hub_code = f.hub_code AND o.family_id = f.family_id) = 1`,
      [left.map((x) => x.hub_code), left.map((x) => x.family_id)],
    );
  }

  private nameOf(code: string): string {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}

/** The stories leave their families: the statement, returning (hub_code, family_id) of what each left. */
function leaveStatement(members: ReadonlyArray<{ hub: string; storyId: string }>): SqlStatement {
  return {
    sql: `DELETE FROM story_family_members f USING unnest($1::text[], $2::uuid[]) AS x(hub_code, story_id)
        WHERE f.hub_code = x.hub_code AND f.story_id = x.story_id
        RETURNING f.hub_code, f.family_id`,
    params: [members.map((x) => x.hub), members.map((x) => x.storyId)],
  };
}

/** TypeORM answers a DELETE with [rows, count], and a statement whose command it does not know with the rows. */
function deletedRows<Row>(result: unknown): Row[] {
  return Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number' ? (result[0] as Row[]) : (result as Row[]);
}
