/**
 * Runs the schema and queries of pool-search.sql.ts / pool-search.query.ts
 * against a real PostgreSQL (scratch database, dropped afterwards).
 * Skips when PG_SCRATCH_URL / 127.0.0.1:5432 is unreachable.
 */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { Client } from 'pg';
import { ChineseSegmenter } from './segmenter';
import { NEAR_DUPLICATE_MAX_DISTANCE, simhash, simhashBands, simhashProbeKeys, simhashToPg } from './simhash';
import { termImpacts } from './term-impacts';
import {
  DELETE_POOL_SEARCH_STORY,
  INSERT_POOL_SEARCH_STORY,
  NEAR_DUPLICATE_QUERY,
  POOL_NEAR_DUPLICATE_FUNCTION_DDL,
  POOL_LEXICON_PENDING_DDL,
  POOL_POSTINGS_CLEANUP_DDL,
  COUNT_POOL_SEARCH_PENDING_LEXICON,
  POOL_SEARCH_DDL,
  REFRESH_POOL_SEARCH_LEXICON,
} from './pool-search.sql';
import { buildPoolSearchQuery, nextPoolSearchCursor, type PoolSearchCursor, type PoolSearchFilters } from './pool-search.query';

const server = process.env.PG_SCRATCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const dbName = `scratch_search_it_${process.pid}`;
const seed: { title: string; body: string[]; origin: { code: string | null } }[] = JSON.parse(
  readFileSync(resolve(__dirname, '../../../deploy/demo/seed-stories.json'), 'utf8'),
).stories;

const segmenter = ChineseSegmenter.shared();
let admin: Client | undefined;
let db: Client;

interface Row {
  story_id: string;
  doc_no: string;
  score: string;
  title: string;
}

async function addStory(id: string, title: string, body: string, origin: string | null, pooledAt: Date): Promise<void> {
  await db.query(`INSERT INTO pool_stories (story_id, title, body) VALUES ($1, $2, $3)`, [id, title, body]);
  const titleWords = segmenter.words(title);
  const bodyWords = segmenter.words(body);
  const { postings, wordCount } = termImpacts(titleWords, bodyWords);
  const hash = simhash(`${title}\n${body}`);
  await db.query(INSERT_POOL_SEARCH_STORY, [
    id, '360700', '360700', origin, '时政', ['媒体融合'], pooledAt, wordCount,
    segmenter.lexemes(title, body), simhashToPg(hash), simhashBands(hash),
    postings.map((p) => p.term), postings.map((p) => p.impact),
  ]);
}

async function search(query: string, filters?: PoolSearchFilters, cursor?: PoolSearchCursor, limit = 20, commonWordShare?: number): Promise<Row[]> {
  const sql = buildPoolSearchQuery({ scope: '360700', query, filters, cursor, limit, storyColumns: ['title'], commonWordShare }, segmenter);
  if (!sql) return [];
  return (await db.query<Row>(sql.text, sql.values)).rows;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

beforeAll(async () => {
  // Medium test: a real PostgreSQL is part of the contract (CI starts one); no database is a failure.
  admin = new Client({ connectionString: server, connectionTimeoutMillis: 5000 });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  const url = new URL(server);
  url.pathname = `/${dbName}`;
  db = new Client({ connectionString: url.toString() });
  await db.connect();
  await db.query(`CREATE TABLE pool_stories (story_id uuid PRIMARY KEY, title text NOT NULL, body text NOT NULL)`);
  for (const ddl of [...POOL_SEARCH_DDL, ...POOL_POSTINGS_CLEANUP_DDL, ...POOL_NEAR_DUPLICATE_FUNCTION_DDL, ...POOL_LEXICON_PENDING_DDL]) await db.query(ddl);
  const day = 86_400_000;
  const base = Date.UTC(2025, 0, 1);
  for (let i = 0; i < seed.length; i++) {
    await addStory(uuid(i + 1), seed[i].title, seed[i].body.join('\n'), seed[i].origin.code, new Date(base + i * day));
  }
  // Long story mentioning 探路 once, deep in the body: must rank below the
  // seed story whose title is "为革命老区媒体深度融合发展探路".
  const long = seed.slice(0, 10).map((s) => s.body.join('\n')).join('\n');
  await addStory(uuid(100), '综合稿件', `${long}\n最后一句也在探路。`, '360702', new Date(base + 20 * day));
  // Two more single deep mentions, so 探路 has a GIN-only tail to page through.
  await addStory(uuid(101), '综合稿件二', `${long}\n继续探路。`, '360703', new Date(base + 21 * day));
  await addStory(uuid(102), '综合稿件三', `探路在前。\n${long}`, '360703', new Date(base + 22 * day));
  await db.query('BEGIN');
  for (const stmt of REFRESH_POOL_SEARCH_LEXICON) await db.query(stmt);
  await db.query('COMMIT');
  await db.query('ANALYZE');
}, 60_000);

afterAll(async () => {
  await db?.end();
  await admin?.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin?.end();
});

describe('pool search against PostgreSQL', () => {
  it('ranks a title hit above a single deep body mention', async () => {
    const rows = await search('探路');
    const ids = rows.map((r) => r.story_id);
    expect(ids).toContain(uuid(11));
    expect(ids).toContain(uuid(100));
    expect(ids.indexOf(uuid(11))).toBeLessThan(ids.indexOf(uuid(100)));
  });

  it('pages with a stable keyset cursor, without gaps or repeats', async () => {
    const all = await search('媒体', undefined, undefined, 100);
    expect(all.length).toBeGreaterThan(10);
    const paged: Row[] = [];
    let cursor: PoolSearchCursor | null | undefined;
    do {
      const page = await search('媒体', undefined, cursor ?? undefined, 4);
      paged.push(...page);
      cursor = nextPoolSearchCursor(page, 4);
    } while (cursor);
    expect(paged.map((r) => r.story_id)).toEqual(all.map((r) => r.story_id));
  });

  it('pages across the salient postings into the GIN-only tail', async () => {
    const all = await search('探路', undefined, undefined, 100);
    expect(all.some((r) => r.score === '0')).toBe(true);
    expect(all.some((r) => r.score !== '0')).toBe(true);
    // Tail is newest first.
    expect(all.filter((r) => r.score === '0').map((r) => r.story_id)).toEqual([uuid(102), uuid(101), uuid(100)]);
    const paged: Row[] = [];
    let cursor: PoolSearchCursor | null | undefined;
    do {
      const page = await search('探路', undefined, cursor ?? undefined, 1);
      paged.push(...page);
      cursor = nextPoolSearchCursor(page, 1);
    } while (cursor);
    expect(paged.map((r) => r.story_id)).toEqual(all.map((r) => r.story_id));
  });

  it('ANDs words: every hit contains all of them', async () => {
    const rows = await search('媒体 影响力');
    expect(rows.length).toBeGreaterThan(0);
    const bodies = await db.query<{ id: string; text: string }>(
      `SELECT story_id AS id, title || body AS text FROM pool_stories WHERE story_id = ANY($1::uuid[])`,
      [rows.map((r) => r.story_id)],
    );
    for (const b of bodies.rows) {
      expect(b.text).toContain('媒体');
      expect(b.text).toContain('影响力');
    }
    const paged = [...(await search('媒体 影响力', undefined, undefined, 2))];
    let cursor = nextPoolSearchCursor(paged, 2);
    while (cursor) {
      const page = await search('媒体 影响力', undefined, cursor, 2);
      paged.push(...page);
      cursor = nextPoolSearchCursor(page, 2);
    }
    expect(paged.map((r) => r.story_id)).toEqual(rows.map((r) => r.story_id));
  });

  it('the common-word plans and the bitmap plans return the same rows in the same order, page by page', async () => {
    const pagedWith = async (query: string, filters: PoolSearchFilters | undefined, share: number) => {
      const out: string[] = [];
      let cursor: PoolSearchCursor | null | undefined;
      do {
        const page = await search(query, filters, cursor ?? undefined, 3, share);
        out.push(...page.map((r) => `${r.story_id}:${r.score}`));
        cursor = nextPoolSearchCursor(page, 3);
      } while (cursor);
      return out;
    };
    const cases: Array<[string, PoolSearchFilters | undefined]> = [
      ['探路', undefined],
      ['媒体', undefined],
      ['媒体 影响力', undefined],
      ['融合 发展 媒体', undefined],
      ['媒体 影响力', { tags: ['媒体融合'] }],
      ['媒体 融合', { originCodes: ['360702', '360703'] }],
    ];
    for (const [query, filters] of cases) {
      // share 0: every word counts as common; share 2: none does.
      const common = await pagedWith(query, filters, 0);
      const bitmap = await pagedWith(query, filters, 2);
      expect(common.length).toBeGreaterThan(0);
      expect({ query, rows: common }).toEqual({ query, rows: bitmap });
      expect(new Set(common).size).toBe(common.length);
    }
  });

  it('filters by county and date range', async () => {
    const rows = await search('媒体', {
      originCodes: ['360702'],
      pooledFrom: new Date(Date.UTC(2025, 0, 15)),
      pooledBefore: new Date(Date.UTC(2025, 1, 15)),
    });
    expect(rows.map((r) => r.story_id)).toEqual([uuid(100)]);
  });

  it('finds an edited copy as a near-duplicate and not unrelated stories', async () => {
    const s = seed[4];
    const edited = `${s.title}\n${s.body.join('\n')}\n据了解，该中心今年以来已累计发稿三千余篇。`;
    const hash = simhash(edited);
    const rows = (
      await db.query<{ story_id: string; distance: number }>(NEAR_DUPLICATE_QUERY, [
        simhashToPg(hash), simhashProbeKeys(hash), NEAR_DUPLICATE_MAX_DISTANCE, 10, '360700',
      ])
    ).rows;
    expect(rows.map((r) => r.story_id)).toEqual([uuid(5)]);
    const elsewhere = await db.query(NEAR_DUPLICATE_QUERY, [simhashToPg(hash), simhashProbeKeys(hash), NEAR_DUPLICATE_MAX_DISTANCE, 10, '360100']);
    expect(elsewhere.rows).toEqual([]);
  });

  it('does not find another hub’s stories', async () => {
    const sql = buildPoolSearchQuery({ scope: '360100', query: '探路', storyColumns: ['title'] }, segmenter)!;
    expect((await db.query(sql.text, sql.values)).rows).toEqual([]);
  });

  it('forgets a withdrawn story, postings included, whether its index entry or its pool row is deleted', async () => {
    const docNo = async (id: string) => (await db.query(`SELECT doc_no FROM pool_search_docs WHERE story_id = $1`, [id])).rows[0].doc_no as string;
    const postings = async (no: string) => (await db.query(`SELECT count(*)::int AS n FROM pool_search_terms WHERE doc_no = $1`, [no])).rows[0].n as number;
    const withdrawn = await docNo(uuid(11));
    const removed = await docNo(uuid(12));
    expect(await postings(withdrawn)).toBeGreaterThan(0);
    expect(await postings(removed)).toBeGreaterThan(0);
    await db.query(DELETE_POOL_SEARCH_STORY, [uuid(11)]);
    await db.query(`DELETE FROM pool_stories WHERE story_id = $1`, [uuid(12)]);
    expect((await search('探路')).map((r) => r.story_id)).not.toContain(uuid(11));
    expect(await postings(withdrawn)).toBe(0);
    expect(await postings(removed)).toBe(0);
  });

  it('counting the stories indexed since the last count gives the lexicon a full recount would', async () => {
    const lexicon = async () => (await db.query(`SELECT term, df FROM pool_search_lexicon ORDER BY term`)).rows as Array<{ term: string; df: number }>;
    const pending = async () => Number((await db.query(`SELECT count(*) AS n FROM pool_search_lexicon_pending`)).rows[0].n);
    // Recounted first: an earlier test removed stories, whose words a count of new ones never takes back.
    await db.query('BEGIN');
    for (const stmt of REFRESH_POOL_SEARCH_LEXICON) await db.query(stmt);
    await db.query('COMMIT');
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    try {
      expect(await pending()).toBe(0);
      const before = await lexicon();
      await addStory(uuid(300), '赣州融媒体探路乡村振兴新闻', seed[1].body.join('\n'), '360702', new Date(Date.UTC(2025, 2, 1)));
      await addStory(uuid(301), '新增一篇全新词语稿件', '鄱阳湖候鸟保护志愿者巡护记。第二段写候鸟与渔民。', '360703', new Date(Date.UTC(2025, 2, 2)));
      expect(await pending()).toBe(2);
      for (const stmt of COUNT_POOL_SEARCH_PENDING_LEXICON) await db.query(stmt);
      expect(await pending()).toBe(0);
      const counted = await lexicon();
      expect(counted.length).toBeGreaterThan(before.length);
      expect(counted.find((r) => r.term === '候鸟')?.df).toBe((before.find((r) => r.term === '候鸟')?.df ?? 0) + 1);
      for (const stmt of REFRESH_POOL_SEARCH_LEXICON) await db.query(stmt);
      expect(counted).toEqual(await lexicon());
    } finally {
      await db.query('ROLLBACK');
    }
  });
});
