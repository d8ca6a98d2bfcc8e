/**
 * What indexing a story for search writes, before and after the ranked-search migration: rows,
 * WAL bytes (EXPLAIN (ANALYZE, WAL) of the insert, so other databases' traffic does not count) and
 * time per story, in batches of 100 on logged tables, with real Chinese text (story-payloads.ts).
 *
 *   node dist/scripts/bench/search-write-cost.js [--stories 2000] [--batches 10]
 *
 * "postings" is the replaced design (docs row + salient postings + lexicon pending row, one
 * statement per story, as it ran in the accept transaction); "ranked" is StorySearchIndex.indexMany.
 * Each gets its own scratch database (scratch_search_write_*), dropped at the end.
 */
import { Client } from 'pg';
import { performance } from 'perf_hooks';
import {
  ChineseSegmenter,
  INSERT_POOL_SEARCH_STORIES,
  POOL_LEXICON_PENDING_DDL,
  POOL_NEAR_DUPLICATE_FUNCTION_DDL,
  POOL_POSTINGS_CLEANUP_DDL,
  POOL_RANKED_SEARCH_DDL,
  POOL_SEARCH_DDL,
  simhash,
  simhashBands,
  simhashToPg,
  storyVectors,
  termImpacts,
} from '../../libs/chinese-text/src';
import { bodyText } from '../../libs/story/src';
import { loadParagraphs, storyBody } from './story-payloads';

type Design = 'postings' | 'ranked';

interface Prepared {
  id: string;
  title: string;
  body: string;
  titleWords: string[];
  bodyWords: string[];
  hash: bigint;
}

const HUB = '360700';
const server = process.env.PG_SCRATCH_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

async function database(design: Design): Promise<{ db: Client; drop: () => Promise<void> }> {
  const name = `scratch_search_write_${design}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  const db = new Client({ connectionString: url.toString(), options: '-c jit=off' });
  await db.connect();
  await db.query(`CREATE TABLE pool_stories (story_id uuid PRIMARY KEY, title text NOT NULL, body text NOT NULL)`);
  const ddl = [...POOL_SEARCH_DDL, ...POOL_POSTINGS_CLEANUP_DDL, ...POOL_NEAR_DUPLICATE_FUNCTION_DDL, ...POOL_LEXICON_PENDING_DDL];
  for (const stmt of design === 'ranked' ? [...ddl, ...POOL_RANKED_SEARCH_DDL] : ddl) await db.query(stmt);
  return {
    db,
    drop: async () => {
      await db.end();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** The replaced design's insert of one story (its last version, before the migration). */
const POSTINGS_INSERT = `
WITH d AS (
  INSERT INTO pool_search_docs
    (story_id, scope_code, hub_code, origin_code, category, tags, pooled_at, word_count, lexemes, simhash, simhash_bands)
  VALUES ($1, $2, $2, '360702', '时政', '{}'::text[], now(), $3, array_to_tsvector($4::text[]), $5::bigint, $6::int[])
  RETURNING doc_no, scope_code, hub_code, origin_code, category, pooled_at
),
uncounted AS (
  INSERT INTO pool_search_lexicon_pending (doc_no) SELECT doc_no FROM d
)
INSERT INTO pool_search_terms (scope_code, term, impact, doc_no, hub_code, origin_code, category, pooled_at)
SELECT d.scope_code, p.term, p.impact, d.doc_no, d.hub_code, d.origin_code, d.category, d.pooled_at
FROM d, unnest($7::text[], $8::smallint[]) AS p (term, impact)`;

interface Usage {
  ms: number;
  walBytes: number;
  walRecords: number;
}

/** Runs `sql` under EXPLAIN (ANALYZE, WAL): WAL written by this statement alone. */
async function explained(db: Client, sql: string, values: unknown[]): Promise<Usage> {
  const t0 = performance.now();
  const r = await db.query(`EXPLAIN (ANALYZE, WAL, FORMAT JSON) ${sql}`, values);
  const ms = performance.now() - t0;
  const plan = (r.rows[0]['QUERY PLAN'] as Array<{ Plan: Record<string, unknown> }>)[0].Plan;
  // A data-modifying CTE is a subplan of the node that reads it; sum every ModifyTable node.
  let walBytes = 0;
  let walRecords = 0;
  const visit = (node: Record<string, unknown>) => {
    if (node['Node Type'] === 'ModifyTable') {
      walBytes += Number(node['WAL Bytes'] ?? 0);
      walRecords += Number(node['WAL Records'] ?? 0);
    }
    for (const child of (node['Plans'] as Array<Record<string, unknown>> | undefined) ?? []) visit(child);
  };
  visit(plan);
  return { ms, walBytes, walRecords };
}

async function insertBatch(db: Client, design: Design, batch: Prepared[], measure: boolean): Promise<Usage> {
  await db.query(`INSERT INTO pool_stories (story_id, title, body) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`, [
    batch.map((b) => b.id),
    batch.map((b) => b.title),
    batch.map((b) => b.body),
  ]);
  const total: Usage = { ms: 0, walBytes: 0, walRecords: 0 };
  const run = async (sql: string, values: unknown[]) => {
    if (!measure) {
      await db.query(sql, values);
      return;
    }
    const u = await explained(db, sql, values);
    total.ms += u.ms;
    total.walBytes += u.walBytes;
    total.walRecords += u.walRecords;
  };
  await db.query('BEGIN');
  if (design === 'postings') {
    for (const b of batch) {
      const { postings, wordCount } = termImpacts(b.titleWords, b.bodyWords);
      await run(POSTINGS_INSERT, [
        b.id,
        HUB,
        wordCount,
        [...new Set([...b.titleWords, ...b.bodyWords])],
        simhashToPg(b.hash),
        simhashBands(b.hash),
        postings.map((p) => p.term),
        postings.map((p) => p.impact),
      ]);
    }
  } else {
    const vectors = batch.map((b) => storyVectors({ title: b.titleWords, body: b.bodyWords }));
    await run(INSERT_POOL_SEARCH_STORIES, [
      batch.map((b) => b.id),
      batch.map(() => HUB),
      batch.map(() => HUB),
      batch.map(() => '360702'),
      batch.map(() => '时政'),
      batch.map(() => '{}'),
      batch.map(() => new Date()),
      vectors.map((v) => v.lexemes),
      vectors.map((v) => v.ranking),
      batch.map((b) => simhashToPg(b.hash)),
      batch.map((b) => `{${simhashBands(b.hash).join(',')}}`),
    ]);
  }
  await db.query('COMMIT');
  return total;
}

async function main(): Promise<void> {
  const stories = option('stories', 2000);
  const batches = option('batches', 10);
  const segmenter = ChineseSegmenter.shared();
  const { paragraphs, source } = loadParagraphs();
  const prepare = (n: number): Prepared => {
    const html = storyBody(paragraphs, n);
    const body = bodyText(html);
    const title = body.slice(0, 18);
    return {
      id: uuid(n),
      title,
      body,
      titleWords: segmenter.words(title),
      bodyWords: segmenter.words(body),
      hash: simhash(`${title}\n${body}`, { segmenter }),
    };
  };
  const out: Record<string, unknown> = { text: source, preloaded: stories, measuredStories: batches * 100 };
  for (const design of ['postings', 'ranked'] as const) {
    const { db, drop } = await database(design);
    try {
      for (let n = 1; n <= stories; n += 100)
        await insertBatch(
          db,
          design,
          Array.from({ length: 100 }, (_, i) => prepare(n + i)),
          false,
        );
      // Settle the pending lists of the GIN indexes so each design starts from its steady state.
      await db.query('VACUUM ANALYZE');
      const per: Usage[] = [];
      for (let k = 0; k < batches; k++) {
        const batch = Array.from({ length: 100 }, (_, i) => prepare(stories + 1 + k * 100 + i));
        per.push(await insertBatch(db, design, batch, true));
      }
      const sum = per.reduce((a, u) => ({ ms: a.ms + u.ms, walBytes: a.walBytes + u.walBytes, walRecords: a.walRecords + u.walRecords }));
      const n = batches * 100;
      const sizes = (
        await db.query(
          `SELECT c.relname AS name, pg_total_relation_size(c.oid) AS bytes, c.reltuples FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
          WHERE s.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE 'pool_search%'`,
        )
      ).rows;
      let rows = 0;
      for (const r of sizes) rows += Number((await db.query(`SELECT count(*) AS n FROM ${r.name as string}`)).rows[0].n);
      out[design] = {
        rowsPerStory: Math.round((rows / (stories + n)) * 10) / 10,
        walBytesPerStory: Math.round(sum.walBytes / n),
        walRecordsPerStory: Math.round((sum.walRecords / n) * 10) / 10,
        insertMsPerStory: Math.round((sum.ms / n) * 100) / 100,
        searchBytesPerStory: Math.round(sizes.reduce((a, r) => a + Number(r.bytes), 0) / (stories + n)),
      };
      process.stderr.write(`${design}: ${JSON.stringify(out[design])}\n`);
    } finally {
      await drop();
    }
  }
  console.log(JSON.stringify(out));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
