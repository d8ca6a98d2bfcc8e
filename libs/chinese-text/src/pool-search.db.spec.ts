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
import { POOL_LEXICON_PENDING_DDL, POOL_POSTINGS_CLEANUP_DDL, POOL_SEARCH_DDL } from './pool-search.legacy-ddl';
import {
  DELETE_POOL_SEARCH_STORIES,
  insertSearchStoriesWithBandsSql,
  NEAR_DUPLICATE_QUERY,
  nearDuplicateBatchSql,
  POOL_NEAR_DUPLICATE_FUNCTION_DDL,
  POOL_RANKED_SEARCH_DDL,
  POOL_SEARCH_TABLES,
  POOL_SIMHASH_BANDS_DDL,
  clearTopListsSql,
} from './pool-search.sql';
import { buildPoolSearchQuery, nextPoolSearchCursor, type PoolSearchCursor, type PoolSearchFilters } from './pool-search.query';
import { storyVectors } from './story-tsvector';
import { refreshTopLists } from './top-lists';

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
  const hash = simhash(`${title}\n${body}`);
  const v = storyVectors({ title: segmenter.words(title), summary: segmenter.words('媒体融合'), body: segmenter.words(body) });
  await db.query(DELETE_POOL_SEARCH_STORIES, [[id]]);
  await db.query(insertSearchStoriesWithBandsSql(POOL_SEARCH_TABLES), [
    [id],
    ['360700'],
    ['360700'],
    [origin],
    ['时政'],
    ['{媒体融合}'],
    [pooledAt],
    [v.lexemes],
    [v.ranking],
    [simhashToPg(hash)],
    [`{${simhashBands(hash).join(',')}}`],
  ]);
}

/** Lists for the given words (every story fits: size 100), or none. */
async function lists(words: string[] | null, size = 100): Promise<void> {
  if (words === null) {
    for (const stmt of clearTopListsSql(POOL_SEARCH_TABLES)) await db.query(stmt);
    return;
  }
  await refreshTopLists(async (text, values) => (await db.query(text, values)).rows, POOL_SEARCH_TABLES, {
    run: 'rebuild',
    size,
    minStories: 1e9,
    minShare: 2,
    words,
  });
}

/** One word's list at `size`, whatever the statistics say: built from every story, or extended. */
function refreshWordList(word: string, run: 'extend' | 'rebuild', size: number): Promise<number> {
  return refreshTopLists(async (text, values) => (await db.query(text, values)).rows, POOL_SEARCH_TABLES, {
    run,
    size,
    minStories: 1e9,
    minShare: 2,
    words: [word],
  });
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

async function search(query: string, filters?: PoolSearchFilters, cursor?: PoolSearchCursor, limit = 20, commonWordShare?: number): Promise<Row[]> {
  const sql = buildPoolSearchQuery({ scope: '360700', query, filters, cursor, limit, storyColumns: ['title'], commonWordShare }, segmenter);
  if (!sql) return [];
  return (await db.query<Row>(sql.text, sql.values)).rows;
}

async function pageAll(query: string, filters: PoolSearchFilters | undefined, limit: number, commonWordShare?: number): Promise<string[]> {
  const out: string[] = [];
  let cursor: PoolSearchCursor | null | undefined;
  do {
    const page = await search(query, filters, cursor ?? undefined, limit, commonWordShare);
    out.push(...page.map((r) => `${r.story_id}:${r.score}`));
    cursor = nextPoolSearchCursor(page, limit);
  } while (cursor);
  return out;
}

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
  // The migrations' order: the postings design first, then its replacement.
  for (const ddl of [
    ...POOL_SEARCH_DDL,
    ...POOL_POSTINGS_CLEANUP_DDL,
    ...POOL_NEAR_DUPLICATE_FUNCTION_DDL,
    ...POOL_LEXICON_PENDING_DDL,
    ...POOL_RANKED_SEARCH_DDL,
    ...POOL_SIMHASH_BANDS_DDL,
  ])
    await db.query(ddl);
  const day = 86_400_000;
  const base = Date.UTC(2025, 0, 1);
  for (let i = 0; i < seed.length; i++) {
    await addStory(uuid(i + 1), seed[i].title, seed[i].body.join('\n'), seed[i].origin.code, new Date(base + i * day));
  }
  // Long story mentioning 探路 once, deep in the body: must rank below the
  // seed story whose title is "为革命老区媒体深度融合发展探路".
  const long = seed
    .slice(0, 10)
    .map((s) => s.body.join('\n'))
    .join('\n');
  await addStory(uuid(100), '综合稿件', `${long}\n最后一句也在探路。`, '360702', new Date(base + 20 * day));
  // Two more single deep mentions, so 探路 has a tail past a short list to page through.
  await addStory(uuid(101), '综合稿件二', `${long}\n继续探路。`, '360703', new Date(base + 21 * day));
  await addStory(uuid(102), '综合稿件三', `探路在前。\n${long}`, '360703', new Date(base + 22 * day));
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

  it('pages past a short top list into the unscored tail, newest first', async () => {
    await lists(['探路'], 1);
    try {
      const all = await search('探路', undefined, undefined, 100);
      expect(all.filter((r) => r.score !== '0').map((r) => r.story_id)).toEqual([uuid(11)]);
      expect(all.filter((r) => r.score === '0').map((r) => r.story_id)).toEqual([uuid(102), uuid(101), uuid(100)]);
      expect(await pageAll('探路', undefined, 1)).toEqual(all.map((r) => `${r.story_id}:${r.score}`));
      // Walking doc_no and the bitmap give the same tail.
      expect(await pageAll('探路', undefined, 1, 0)).toEqual(await pageAll('探路', undefined, 1, 2));
    } finally {
      await lists(null);
    }
  });

  it('pages a listed word filtered by one county or one category into the unscored tail', async () => {
    const filters: PoolSearchFilters[] = [{ originCodes: ['360703'] }, { category: '时政' }];
    const live = [];
    for (const f of filters) live.push(await pageAll('探路', f, 1));
    await lists(['探路'], 1);
    try {
      for (const [i, f] of filters.entries()) {
        expect(live[i].filter((r) => r.endsWith(':0')).length).toBeGreaterThan(0);
        expect(await pageAll('探路', f, 1)).toEqual(live[i]);
      }
    } finally {
      await lists(null);
    }
  });

  it('scores stories pooled after a list was built live, and the extension lists them', async () => {
    await lists(['探路'], 100);
    try {
      await addStory(uuid(200), '探路新篇：探路者的探路故事', '记者探路。', '360702', new Date(Date.UTC(2025, 2, 1)));
      const before = await search('探路');
      expect(before[0].story_id).toBe(uuid(200));
      await refreshTopLists(async (text, values) => (await db.query(text, values)).rows, POOL_SEARCH_TABLES, { run: 'extend', minStories: 1e9, minShare: 2 });
      const listed = await db.query(`SELECT doc_no::text FROM pool_search_top WHERE term = '探路' AND doc_no = $1`, [before[0].doc_no]);
      expect(listed.rows).toHaveLength(1);
      expect(await search('探路')).toEqual(before);
    } finally {
      await db.query(DELETE_POOL_SEARCH_STORIES, [[uuid(200)]]);
      await db.query(`DELETE FROM pool_stories WHERE story_id = $1`, [uuid(200)]);
      await lists(null);
    }
  });

  it('keeps a list extended past its size the same as one rebuilt from every story, when no new story ties its cutoff', async () => {
    const size = 3;
    const refresh = (run: 'extend' | 'rebuild') => refreshWordList('探路', run, size);
    const listed = async () =>
      (await db.query(`SELECT doc_no::text, score::text FROM pool_search_top WHERE term = '探路' ORDER BY score DESC, doc_no DESC`)).rows;
    const added = [300, 301, 302, 303, 304, 305, 306].map(uuid);
    try {
      await refresh('rebuild');
      // New stories that tie the list's best, beat it and fall below it: more than a list's size.
      for (const [i, id] of added.entries())
        await addStory(id, i % 2 ? '探路新篇：探路者的探路故事' : '新篇', i % 3 ? '记者探路。探路。' : '记者。', '360702', new Date(Date.UTC(2025, 3, i + 1)));
      await refresh('extend');
      const extended = await listed();
      const terms = await db.query(`SELECT entries, cutoff::text FROM pool_search_top_terms WHERE term = '探路'`);
      await refresh('rebuild');
      const rebuilt = await listed();
      expect(rebuilt).toHaveLength(size);
      expect(extended).toEqual(rebuilt);
      expect(terms.rows).toEqual([{ entries: size, cutoff: rebuilt[size - 1].score }]);
    } finally {
      await db.query(DELETE_POOL_SEARCH_STORIES, [added]);
      await db.query(`DELETE FROM pool_stories WHERE story_id = ANY($1::uuid[])`, [added]);
      await lists(null);
    }
  });

  it('leaves a new story that only ties a full list’s cutoff out of it: it heads the unscored tail', async () => {
    // One story ranks for 探路 (the others mention it past the ranking vector's reach): a list of one is full.
    const size = 1;
    const refresh = (run: 'extend' | 'rebuild') => refreshWordList('探路', run, size);
    const twin = uuid(400);
    try {
      await refresh('rebuild');
      const [last] = (
        await db.query<{ doc_no: string; score: string; title: string; body: string }>(
          `SELECT t.doc_no::text, t.score::text, p.title, p.body FROM pool_search_top t
             JOIN pool_search_docs d ON d.doc_no = t.doc_no JOIN pool_stories p ON p.story_id = d.story_id
            WHERE t.term = '探路' ORDER BY t.score, t.doc_no LIMIT 1`,
        )
      ).rows;
      // The same text scores the same: a newer story exactly at the cutoff.
      await addStory(twin, last.title, last.body, '360702', new Date(Date.UTC(2025, 5, 1)));
      const live = await search('探路');
      expect(live.slice(0, size + 1).map((r) => r.story_id)).toContain(twin);
      await refresh('extend');
      const inList = await db.query(
        `SELECT 1 FROM pool_search_top t JOIN pool_search_docs d ON d.doc_no = t.doc_no WHERE t.term = '探路' AND d.story_id = $1`,
        [twin],
      );
      expect(inList.rows).toHaveLength(0);
      const after = await search('探路');
      expect(after.slice(0, size).every((r) => BigInt(r.score) > 0n)).toBe(true);
      expect(after[size]).toMatchObject({ story_id: twin, score: '0' });
    } finally {
      await db.query(DELETE_POOL_SEARCH_STORIES, [[twin]]);
      await db.query(`DELETE FROM pool_stories WHERE story_id = $1`, [twin]);
      await lists(null);
    }
  });

  it('lists the words in 2% of a small set only once they are in enough stories to be worth a list', async () => {
    const refresh = (minMatches?: number) =>
      refreshTopLists(async (text, values) => (await db.query(text, values)).rows, POOL_SEARCH_TABLES, { run: 'rebuild', size: 100, minMatches });
    try {
      // 17 stories: every word the statistics keep is in 2% of them, none in a thousand.
      expect(await refresh()).toBe(0);
      const listed = await refresh(3);
      expect(listed).toBeGreaterThan(0);
      const few = await db.query(`SELECT count(*)::int AS n FROM pool_search_top_terms tt WHERE NOT EXISTS (
        SELECT 1 FROM pool_search_docs d WHERE d.lexemes @@ quote_literal(tt.term)::tsquery OFFSET 2)`);
      expect(few.rows[0].n).toBe(0);
    } finally {
      await lists(null);
    }
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

  it('the top-list plans and the live-scored plans return the same rows in the same order, page by page', async () => {
    const cases: Array<[string, PoolSearchFilters | undefined]> = [
      ['探路', undefined],
      ['媒体', undefined],
      ['媒体 影响力', undefined],
      ['融合 发展 媒体', undefined],
      ['媒体 影响力', { tags: ['媒体融合'] }],
      ['媒体 融合', { originCodes: ['360702', '360703'] }],
    ];
    const live: string[][] = [];
    for (const [query, filters] of cases) live.push(await pageAll(query, filters, 3));
    await lists(['探路', '媒体', '影响力', '融合', '发展']);
    try {
      for (const [i, [query, filters]] of cases.entries()) {
        expect(live[i].length).toBeGreaterThan(0);
        expect(new Set(live[i]).size).toBe(live[i].length);
        expect({ query, rows: await pageAll(query, filters, 3) }).toEqual({ query, rows: live[i] });
      }
    } finally {
      await lists(null);
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
        simhashToPg(hash),
        simhashProbeKeys(hash),
        NEAR_DUPLICATE_MAX_DISTANCE,
        10,
        '360700',
      ])
    ).rows;
    expect(rows.map((r) => r.story_id)).toEqual([uuid(5)]);
    const elsewhere = await db.query(NEAR_DUPLICATE_QUERY, [simhashToPg(hash), simhashProbeKeys(hash), NEAR_DUPLICATE_MAX_DISTANCE, 10, '360100']);
    expect(elsewhere.rows).toEqual([]);
  });

  it('checks a batch of stories in one statement, each against its own scope, with the same answers as one at a time', async () => {
    const edited = (s: (typeof seed)[number]) => simhash(`${s.title}\n${s.body.join('\n')}\n据了解，该中心今年以来已累计发稿三千余篇。`);
    const [near5, near2] = [edited(seed[4]), edited(seed[1])];
    const rows = (
      await db.query<{ i: number; story_id: string; distance: number }>(nearDuplicateBatchSql(POOL_SEARCH_TABLES), [
        [near5, near2, near5].map(simhashToPg),
        [near5, near2, near5].map((h) => simhashProbeKeys(h).join(',')),
        ['360700', '360700', '360100'],
        NEAR_DUPLICATE_MAX_DISTANCE,
        10,
      ])
    ).rows;
    expect(rows.map((r) => [r.i, r.story_id])).toEqual([
      [1, uuid(5)],
      [2, uuid(2)],
    ]);
    const one = await db.query<{ distance: number }>(NEAR_DUPLICATE_QUERY, [
      simhashToPg(near2),
      simhashProbeKeys(near2),
      NEAR_DUPLICATE_MAX_DISTANCE,
      10,
      '360700',
    ]);
    expect(rows[1].distance).toBe(one.rows[0].distance);
  });

  it('does not find another hub’s stories', async () => {
    const sql = buildPoolSearchQuery({ scope: '360100', query: '探路', storyColumns: ['title'] }, segmenter)!;
    expect((await db.query(sql.text, sql.values)).rows).toEqual([]);
  });

  it('forgets a withdrawn story, whether its index entry or its pool row is deleted, list entries included', async () => {
    await lists(['探路']);
    try {
      await db.query(DELETE_POOL_SEARCH_STORIES, [[uuid(11)]]);
      await db.query(`DELETE FROM pool_stories WHERE story_id = $1`, [uuid(12)]);
      const ids = (await search('探路', undefined, undefined, 100)).map((r) => r.story_id);
      expect(ids).not.toContain(uuid(11));
      expect(ids).not.toContain(uuid(12));
      const docs = await db.query(`SELECT count(*)::int AS n FROM pool_search_docs WHERE story_id = ANY($1::uuid[])`, [[uuid(11), uuid(12)]]);
      expect(docs.rows[0].n).toBe(0);
      // Their band rows go with them: the near-duplicate lookup cannot find them either.
      const bands = await db.query(`SELECT count(*)::int AS n FROM pool_search_bands WHERE story_id = ANY($1::uuid[])`, [[uuid(11), uuid(12)]]);
      expect(bands.rows[0].n).toBe(0);
      expect((await db.query(`SELECT count(*)::int AS n FROM pool_search_bands`)).rows[0].n).toBeGreaterThan(0);
    } finally {
      await lists(null);
    }
  });

  it('indexes a story in one row: the ranking vector keeps title words at weight A', async () => {
    const r = await db.query(`SELECT ts_filter(ranking, '{a}')::text AS title FROM pool_search_docs WHERE story_id = $1`, [uuid(1)]);
    for (const w of segmenter.words(seed[0].title)) expect(r.rows[0].title).toContain(`'${w}'`);
  });
});
