/**
 * Pool search benchmark: builds a scratch database with N synthetic stories
 * and measures the search and near-duplicate queries of libs/chinese-text.
 *
 *   npx tsc -p tsconfig.build.json   (or any tsc run that emits scripts/)
 *   node dist/scripts/bench/pool-search.bench.js --stories 200000 --queries 200 \
 *     --database postgres://postgres@127.0.0.1:5432/scratch_search_bench
 *
 * The database named in --database is dropped and recreated (its name must
 * start with scratch_search_), and dropped again at the end unless --keep.
 * The last line of output is a JSON object with all results.
 */
import { cpus, totalmem } from 'os';
import { Client } from 'pg';
import { performance } from 'perf_hooks';
import {
  ChineseSegmenter,
  CHINESE_STOPWORDS,
  NEAR_DUPLICATE_MAX_DISTANCE,
  NEAR_DUPLICATE_QUERY,
  POOL_NEAR_DUPLICATE_FUNCTION_DDL,
  POOL_RANKED_SEARCH_DDL,
  POOL_SEARCH_DDL,
  POOL_SEARCH_TABLES,
  insertSearchStoriesWithBandsSql,
  POOL_SIMHASH_BANDS_DDL,
  buildPoolSearchQuery,
  highlightAll,
  highlightSnippet,
  nextPoolSearchCursor,
  quoteLexeme,
  simhashBands,
  simhashOfWords,
  simhashProbeKeys,
  simhashToPg,
  storyVectors,
  refreshTopLists,
  type PoolSearchFilters,
} from '../../libs/chinese-text/src';
import { mulberry32 } from './seeded-random';

const INSERT_POOL_SEARCH_STORIES_WITH_BANDS = insertSearchStoriesWithBandsSql(POOL_SEARCH_TABLES);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };

interface Options {
  stories: number;
  queries: number;
  database: string;
  keep: boolean;
  batch: number;
}

function parseOptions(argv: string[]): Options {
  const o: Options = {
    stories: 200_000,
    queries: 200,
    database: 'postgres://postgres@127.0.0.1:5432/scratch_search_bench',
    keep: false,
    batch: 1000,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`missing value for ${a}`);
      return v;
    };
    if (a === '--stories') o.stories = Number(next());
    else if (a === '--queries') o.queries = Number(next());
    else if (a === '--database') o.database = next();
    else if (a === '--batch') o.batch = Number(next());
    else if (a === '--keep') o.keep = true;
    else throw new Error(`unknown option ${a}`);
  }
  return o;
}

// ---------------------------------------------------------------- generator

class Vocabulary {
  readonly words: string[] = [];
  private readonly probability: Float64Array;
  private readonly alias: Int32Array;
  /**
   * Search-mode pieces of each vocabulary word, interned as ids. Running
   * jieba over each whole 4 KB body would dominate the load time without
   * changing what the database sees, so each word is segmented once.
   */
  private readonly piecesOf: (Int32Array | undefined)[];
  private readonly pieceIds = new Map<string, number>();
  readonly pieces: string[] = [];
  readonly quotedPieces: string[] = [];

  constructor(
    private readonly segmenter: ChineseSegmenter,
    private readonly rnd: () => number,
  ) {
    const freqs: number[] = [];
    for (const line of Buffer.from(dict).toString('utf8').split('\n')) {
      const [word, freq, tag] = line.split(' ');
      if (!word || !freq || tag === 'x' || tag === 'eng' || tag === 'm') continue;
      if (CHINESE_STOPWORDS.has(word) || !/^[\u4e00-\u9fff]+$/.test(word)) continue;
      this.words.push(word);
      freqs.push(Number(freq));
    }
    // Vose's alias table: O(1) draws instead of a binary search per token.
    const n = freqs.length;
    const total = freqs.reduce((a, b) => a + b, 0);
    this.probability = new Float64Array(n);
    this.alias = new Int32Array(n);
    const scaled = freqs.map((f) => (f * n) / total);
    const small: number[] = [];
    const large: number[] = [];
    scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
    while (small.length > 0 && large.length > 0) {
      const l = small.pop() as number;
      const g = large.pop() as number;
      this.probability[l] = scaled[l];
      this.alias[l] = g;
      scaled[g] += scaled[l] - 1;
      (scaled[g] < 1 ? small : large).push(g);
    }
    for (const i of [...small, ...large]) this.probability[i] = 1;
    this.piecesOf = new Array(this.words.length);
  }

  /** A word id drawn in proportion to the word's corpus frequency (Zipf-like). */
  draw(): number {
    const x = this.rnd() * this.probability.length;
    const i = Math.floor(x);
    return x - i < this.probability[i] ? i : this.alias[i];
  }

  searchPieces(wordId: number): Int32Array {
    let p = this.piecesOf[wordId];
    if (!p) {
      p = Int32Array.from(this.segmenter.words(this.words[wordId]), (piece) => {
        let id = this.pieceIds.get(piece);
        if (id === undefined) {
          id = this.pieces.length;
          this.pieceIds.set(piece, id);
          this.pieces.push(piece);
          this.quotedPieces.push(quoteLexeme(piece));
        }
        return id;
      });
      this.piecesOf[wordId] = p;
    }
    return p;
  }
}

const COUNTIES = Array.from({ length: 60 }, (_, i) => String(360702 + i));
const CATEGORIES = ['时政', '经济', '社会', '文化', '教育', '科技', '体育', '农业'];
const TAGS = Array.from({ length: 40 }, (_, i) => `标签${i}`);
const DAY_MS = 86_400_000;
const POOL_DAYS = 730;
const NOW = Date.UTC(2025, 10, 1);
/** The one hub whose pool the benchmark fills (scope_code of every row). */
const HUB = '360700';

interface Story {
  id: string;
  docNo: number;
  title: string;
  body: string;
  /** Search-mode piece ids of title and body. */
  titlePieces: number[];
  bodyPieces: number[];
  /** Precise-mode tokens (for SimHash). */
  tokens: string[];
  origin: string;
  category: string;
  tags: string[];
  pooledAt: Date;
}

class StoryGenerator {
  constructor(
    private readonly vocab: Vocabulary,
    private readonly rnd: () => number,
  ) {}

  story(docNo: number): Story {
    const rnd = this.rnd;
    const vocab = this.vocab;
    // Real stories repeat their topic words; i.i.d. draws alone would make
    // every word a one-off.
    const topic = Array.from({ length: 6 + Math.floor(rnd() * 10) }, () => vocab.draw());
    const titleIds = Array.from({ length: 3 + Math.floor(rnd() * 3) }, (_, i) =>
      i < 2 || rnd() < 0.5 ? topic[Math.floor(rnd() * topic.length)] : vocab.draw(),
    );
    const tokens: string[] = titleIds.map((id) => vocab.words[id]);
    const titlePieces: number[] = [];
    for (const id of titleIds) for (const p of vocab.searchPieces(id)) titlePieces.push(p);
    const bodyPieces: number[] = [];
    const parts: string[] = [];
    let length = 0;
    while (length < 1350) {
      const n = 6 + Math.floor(rnd() * 14);
      for (let i = 0; i < n; i++) {
        const id = rnd() < 0.12 ? topic[Math.floor(rnd() * topic.length)] : vocab.draw();
        const w = vocab.words[id];
        tokens.push(w);
        parts.push(w);
        length += w.length + (i === n - 1 ? 1 : 0);
        for (const p of vocab.searchPieces(id)) bodyPieces.push(p);
      }
      parts.push(rnd() < 0.7 ? '，' : '。');
    }
    return {
      id: uuidFromNumber(docNo),
      docNo,
      title: tokens.slice(0, titleIds.length).join(''),
      body: parts.join(''),
      titlePieces,
      bodyPieces,
      tokens,
      origin: COUNTIES[Math.min(COUNTIES.length - 1, Math.floor(-Math.log(1 - rnd()) * 15))],
      category: CATEGORIES[Math.floor(rnd() * CATEGORIES.length)],
      tags: Array.from(new Set(Array.from({ length: Math.floor(rnd() * 4) }, () => TAGS[Math.floor(rnd() * TAGS.length)]))),
      // Set by the loader: pooling order == doc_no order, spread over two years.
      pooledAt: new Date(NOW),
    };
  }
}

function uuidFromNumber(n: number): string {
  const hex = n.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

// ------------------------------------------------------------------ loading

async function recreateDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.replace(/^\//, '');
  if (!/^scratch_search_[a-z0-9_]+$/.test(name)) throw new Error('database name must match scratch_search_[a-z0-9_]+');
  u.pathname = '/postgres';
  const admin = new Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
}

async function dropDatabase(url: string): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.replace(/^\//, '');
  u.pathname = '/postgres';
  const admin = new Client({ connectionString: u.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}

/**
 * Tables first, indexes after the load (much faster than maintaining them row by row). The docs
 * table as the migrations leave it: created by the first search migration, then changed by the
 * ranked-search one (which also creates the top-list tables; the postings are never created here).
 */
function splitDdl(): { tables: string[]; indexes: string[]; ranked: string[] } {
  // UNLOGGED only to spare the shared server the WAL of the load; reads are identical.
  const legacy = POOL_SEARCH_DDL.filter((s) => !s.includes('pool_search_terms') && !s.includes('pool_search_lexicon'));
  const tables = legacy
    .filter((s) => s.startsWith('CREATE TABLE'))
    .map((s) => s.replace('CREATE TABLE', 'CREATE UNLOGGED TABLE').replace(/REFERENCES [^\n]*\n/g, (m) => (m.endsWith(',\n') ? ',\n' : '\n')));
  const indexes = legacy.filter((s) => !s.startsWith('CREATE TABLE'));
  const ranked = POOL_RANKED_SEARCH_DDL.filter((s) => !s.startsWith('DELETE FROM'));
  return { tables, indexes, ranked };
}

interface Loaded {
  df: Map<string, number>;
  samples: Story[];
  /** Positions (token occurrences) in the stored tsvectors. */
  postings: number;
  generateMs: number;
  insertMs: number;
}

async function load(db: Client, o: Options, gen: StoryGenerator, vocab: Vocabulary, rnd: () => number): Promise<Loaded> {
  let dfById = new Int32Array(1 << 16);
  let seenIn = new Int32Array(1 << 16);
  const samples: Story[] = [];
  let postings = 0;
  let generateMs = 0;
  let insertMs = 0;
  let pending: Promise<unknown> = Promise.resolve();
  for (let start = 1; start <= o.stories; start += o.batch) {
    const t0 = performance.now();
    const n = Math.min(o.batch, o.stories - start + 1);
    const s = {
      id: [] as string[],
      title: [] as string[],
      body: [] as string[],
      origin: [] as string[],
      category: [] as string[],
      tags: [] as string[],
      pooled: [] as string[],
      docNo: [] as number[],
      lexemes: [] as string[],
      ranking: [] as string[],
      simhash: [] as string[],
      bands: [] as string[],
    };
    for (let k = 0; k < n; k++) {
      const story = gen.story(start + k);
      story.pooledAt = new Date(NOW - POOL_DAYS * DAY_MS + Math.floor(((start + k) / o.stories) * POOL_DAYS * DAY_MS));
      if (vocab.pieces.length > dfById.length) {
        const grow = (a: Int32Array) => {
          const b = new Int32Array(vocab.pieces.length * 2);
          b.set(a);
          return b;
        };
        dfById = grow(dfById);
        seenIn = grow(seenIn);
      }
      for (const list of [story.titlePieces, story.bodyPieces]) {
        for (const id of list) {
          if (seenIn[id] === story.docNo) continue;
          seenIn[id] = story.docNo;
          dfById[id]++;
        }
      }
      const vectors = storyVectors({ title: story.titlePieces.map((id) => vocab.pieces[id]), body: story.bodyPieces.map((id) => vocab.pieces[id]) });
      const hash = simhashOfWords(story.tokens);
      const pooled = story.pooledAt.toISOString();
      s.id.push(story.id);
      s.title.push(story.title);
      s.body.push(story.body);
      s.origin.push(story.origin);
      s.category.push(story.category);
      s.tags.push(pgArray(story.tags));
      s.pooled.push(pooled);
      s.docNo.push(story.docNo);
      s.lexemes.push(vectors.lexemes);
      s.ranking.push(vectors.ranking);
      s.simhash.push(simhashToPg(hash));
      s.bands.push(`{${simhashBands(hash).join(',')}}`);
      postings += story.titlePieces.length + story.bodyPieces.length;
      if (samples.length < 400 && rnd() < (400 * 4) / o.stories) samples.push(story);
    }
    generateMs += performance.now() - t0;
    await pending;
    const t1 = performance.now();
    pending = (async () => {
      const tA = performance.now();
      await db.query(
        `INSERT INTO pool_stories (story_id, title, body, origin_code, category, pooled_at)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::timestamptz[])`,
        [s.id, s.title, s.body, s.origin, s.category, s.pooled],
      );
      await db.query(
        `INSERT INTO pool_search_docs (story_id, doc_no, scope_code, hub_code, origin_code, category, tags, pooled_at, lexemes, ranking, simhash, simhash_bands)
         OVERRIDING SYSTEM VALUE
         SELECT id, doc_no, '360700', '360700', origin, category, tags::text[], pooled, lexemes::tsvector, ranking::tsvector, simhash, bands::int[]
         FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[], $8::text[], $9::bigint[], $10::text[])
           AS u (id, doc_no, origin, category, tags, pooled, lexemes, ranking, simhash, bands)`,
        [s.id, s.docNo, s.origin, s.category, s.tags, s.pooled, s.lexemes, s.ranking, s.simhash, s.bands],
      );
      if (process.env.BENCH_DEBUG) log(`batch: stories+docs ${round(performance.now() - tA)} ms`);
      insertMs += performance.now() - t1;
    })();
    if ((start - 1) % (o.batch * 20) === 0) log(`loaded ${start - 1 + n}/${o.stories}`);
  }
  await pending;
  const df = new Map<string, number>();
  vocab.pieces.forEach((piece, id) => {
    if (dfById[id] > 0) df.set(piece, dfById[id]);
  });
  return { df, samples, postings, generateMs, insertMs };
}

function pgArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;
}

// ---------------------------------------------------------------- measuring

interface Stats {
  runs: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  avgRows: number;
}

function stats(samples: number[], rows: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p: number) => round(s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]);
  return {
    runs: s.length,
    p50: q(0.5),
    p95: q(0.95),
    p99: q(0.99),
    max: round(s[s.length - 1]),
    avgRows: round(rows.reduce((a, b) => a + b, 0) / rows.length),
  };
}

const round = (x: number) => Math.round(x * 100) / 100;

function log(msg: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
}

async function timeSearch(
  db: Client,
  segmenter: ChineseSegmenter,
  query: string,
  filters: PoolSearchFilters | undefined,
  pages = 1,
): Promise<{ ms: number; rows: number; perPage: number[] }> {
  let cursor = undefined as ReturnType<typeof nextPoolSearchCursor> | undefined;
  const t0 = performance.now();
  let rows = 0;
  const perPage: number[] = [];
  for (let page = 0; page < pages; page++) {
    const tp = performance.now();
    const sql = buildPoolSearchQuery({ scope: HUB, query, filters, cursor: cursor ?? undefined, storyColumns: ['title', 'body'] }, segmenter);
    if (!sql) throw new Error(`empty query ${query}`);
    const res = await db.query<{ doc_no: string; score: string; title: string; body: string }>(sql.text, sql.values);
    for (const r of res.rows) {
      highlightAll(r.title, sql.words);
      highlightSnippet(r.body, sql.words);
    }
    rows += res.rows.length;
    perPage.push(performance.now() - tp);
    cursor = nextPoolSearchCursor(res.rows, sql.limit);
    if (!cursor) break;
  }
  return { ms: performance.now() - t0, rows, perPage };
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const tStart = performance.now();
  const rnd = mulberry32(20251101);
  const segmenter = ChineseSegmenter.shared();
  const vocab = new Vocabulary(segmenter, rnd);
  const gen = new StoryGenerator(vocab, rnd);

  log(`recreating ${o.database}`);
  await recreateDatabase(o.database);
  // The apps connect with jit=off (libs/persistence); so does the measure.
  const db = new Client({ connectionString: o.database, options: '-c jit=off' });
  await db.connect();
  await db.query(`SET maintenance_work_mem = '1GB'`);
  await db.query(`SET synchronous_commit = off`);
  // lz4 compresses the 4 KB bodies and tsvectors several times faster than pglz.
  await db.query(`SET default_toast_compression = 'lz4'`);
  await db.query(`CREATE UNLOGGED TABLE pool_stories (
    story_id uuid PRIMARY KEY, title text NOT NULL, body text NOT NULL,
    origin_code text, category text, pooled_at timestamptz NOT NULL)`);
  const { tables, indexes, ranked } = splitDdl();
  for (const t of tables) await db.query(t);
  for (const ddl of ranked) await db.query(ddl);
  await db.query(`ALTER TABLE pool_search_top SET UNLOGGED`);
  await db.query(`ALTER TABLE pool_search_top_terms SET UNLOGGED`);

  log(`generating and loading ${o.stories} stories`);
  const loaded = await load(db, o, gen, vocab, rnd);
  const tLoaded = performance.now();
  log(`loaded in ${round((tLoaded - tStart) / 1000)} s; ${loaded.postings} word positions`);

  // The lexeme GIN build is by far the longest step (one entry per distinct
  // word per story); run it on a second connection while the other indexes
  // build on this one — the machine has two cores and the loader is idle now.
  const indexMs: Record<string, number> = {};
  const timed = async (client: Client, ddl: string) => {
    const t0 = performance.now();
    await client.query(ddl);
    const name = /INDEX (\w+)/.exec(ddl)?.[1] ?? ddl.slice(0, 40);
    indexMs[name] = round(performance.now() - t0);
    log(`${name}: ${indexMs[name]} ms`);
  };
  const second = new Client({ connectionString: o.database });
  await second.connect();
  await second.query(`SET maintenance_work_mem = '1GB'`);
  const isLexemeGin = (ddl: string) => ddl.includes('lexemes_gin');
  const tIndexes = performance.now();
  await Promise.all([
    (async () => {
      for (const ddl of indexes.filter(isLexemeGin)) await timed(second, ddl);
    })(),
    (async () => {
      for (const ddl of indexes.filter((d) => d.startsWith('CREATE INDEX') && !isLexemeGin(d))) await timed(db, ddl);
    })(),
  ]);
  // ALTER TABLE would queue behind the GIN build's lock; run them after.
  for (const ddl of indexes.filter((d) => !d.startsWith('CREATE INDEX'))) await db.query(ddl);
  await second.end();
  indexMs['all_indexes_wall'] = round(performance.now() - tIndexes);
  for (const ddl of POOL_NEAR_DUPLICATE_FUNCTION_DDL) await db.query(ddl);
  // The apps' near-duplicate design: the band rows copied into their narrow table (unlogged like the
  // docs it references), the GIN dropped and the lookup rewritten.
  for (const ddl of POOL_SIMHASH_BANDS_DDL) await timed(db, ddl.replace('CREATE TABLE', 'CREATE UNLOGGED TABLE'));
  let t0 = performance.now();
  await db.query(`VACUUM ANALYZE`);
  indexMs['vacuum_analyze'] = round(performance.now() - t0);
  await db.query(`SELECT setval(pg_get_serial_sequence('pool_search_docs', 'doc_no'), $1)`, [o.stories]);
  // The periodic job's first run: a list for every word the statistics put in enough stories.
  t0 = performance.now();
  const topLists = await refreshTopLists(async (text, values) => (await db.query(text, values)).rows, POOL_SEARCH_TABLES, { run: 'rebuild' });
  indexMs['top_lists_build'] = round(performance.now() - t0);
  const topRows = Number((await db.query(`SELECT count(*) AS n FROM pool_search_top`)).rows[0].n);
  log(`top lists: ${topLists} words, ${topRows} rows, ${indexMs['top_lists_build']} ms`);
  await db.query(`VACUUM ANALYZE pool_search_top, pool_search_top_terms`);

  const sizes = (
    await db.query<{ name: string; total: string; table: string }>(
      `SELECT c.relname AS name, pg_size_pretty(pg_total_relation_size(c.oid)) AS total, pg_size_pretty(pg_relation_size(c.oid)) AS table
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') ORDER BY pg_total_relation_size(c.oid) DESC`,
    )
  ).rows;
  log(`sizes ${JSON.stringify(sizes)}`);

  // Query words by measured document frequency.
  const n = o.stories;
  const single = (w: string) => {
    const q = segmenter.queryWords(w);
    return q.length === 1 && q[0] === w;
  };
  const byDf = (lo: number, hi: number, max = 200) => {
    const out: string[] = [];
    for (const [w, d] of loaded.df) {
      if (d >= lo && d <= hi && single(w)) out.push(w);
      if (out.length >= max) break;
    }
    if (out.length === 0) throw new Error(`no words with df in [${lo}, ${hi}]`);
    return out;
  };
  const rare = byDf(5, 50);
  const medium = byDf(Math.round(n * 0.01), Math.round(n * 0.03));
  const common = byDf(Math.round(n * 0.2), Math.round(n * 0.3));
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  log(`words: rare ${rare.length}, medium ${medium.length}, common ${common.length} (e.g. ${common.slice(0, 5).join(' ')})`);

  const windowFilter = (): PoolSearchFilters => {
    const startDay = Math.floor(rnd() * (POOL_DAYS - 60));
    const from = new Date(NOW - POOL_DAYS * DAY_MS + startDay * DAY_MS);
    // Most counties are small in the generator; pick from the busier half so results are non-trivial.
    return { originCodes: [COUNTIES[Math.floor(rnd() * 20)]], pooledFrom: from, pooledBefore: new Date(from.getTime() + 60 * DAY_MS) };
  };

  const kinds: Record<string, () => [string, PoolSearchFilters | undefined]> = {
    rare_word: () => [pick(rare), undefined],
    medium_word: () => [pick(medium), undefined],
    common_word: () => [pick(common), undefined],
    two_words_medium_and_common: () => [`${pick(medium)} ${pick(common)}`, undefined],
    two_words_both_common: () => [`${pick(common)} ${pick(common)}`, undefined],
    common_word_county_60d: () => [pick(common), windowFilter()],
    common_word_category_tag: () => [pick(common), { category: pick(CATEGORIES), tags: [pick(TAGS)] }],
  };

  // Warm-up: the first touches of each index page come from disk/OS cache.
  for (const make of Object.values(kinds))
    for (let i = 0; i < 10; i++) {
      const [q, f] = make();
      await timeSearch(db, segmenter, q, f);
    }

  const results: Record<string, Stats | Record<string, unknown>> = {};
  for (const [kind, make] of Object.entries(kinds)) {
    const ms: number[] = [];
    const rows: number[] = [];
    for (let i = 0; i < o.queries; i++) {
      const [q, f] = make();
      const r = await timeSearch(db, segmenter, q, f);
      ms.push(r.ms);
      rows.push(r.rows);
    }
    results[kind] = stats(ms, rows);
    log(`${kind}: ${JSON.stringify(results[kind])}`);
  }

  // Keyset pagination: pages 2..5 of a common word (each page timed alone).
  {
    const ms: number[] = [];
    const rows: number[] = [];
    for (let i = 0; i < Math.max(20, o.queries / 4); i++) {
      const r = await timeSearch(db, segmenter, pick(common), undefined, 5);
      ms.push(...r.perPage.slice(1));
      rows.push(r.rows);
    }
    results['common_word_pages_2_to_5'] = stats(ms, rows);
    log(`pages 2-5: ${JSON.stringify(results['common_word_pages_2_to_5'])}`);
  }
  // The first page after a word's top list: the unscored tail alone (walk of doc_no for a dense
  // word, GIN bitmap + top-N sort by doc_no otherwise).
  for (const [kind, words] of [
    ['medium_word_first_tail_page', medium],
    ['common_word_first_tail_page', common],
  ] as const) {
    const ms: number[] = [];
    const rows: number[] = [];
    for (let i = 0; i < Math.max(20, o.queries / 4); i++) {
      const sql = buildPoolSearchQuery(
        { scope: HUB, query: pick(words), cursor: { score: '0', docNo: String(n + 1) }, storyColumns: ['title', 'body'] },
        segmenter,
      )!;
      const tq = performance.now();
      const res = await db.query(sql.text, sql.values);
      ms.push(performance.now() - tq);
      rows.push(res.rows.length);
    }
    results[kind] = stats(ms, rows);
    log(`${kind}: ${JSON.stringify(results[kind])}`);
  }

  // Near-duplicate check: an edited copy of a pooled story against the pool.
  {
    const ms: number[] = [];
    const rows: number[] = [];
    const hashMs: number[] = [];
    let found = 0;
    for (let i = 0; i < o.queries; i++) {
      const original = loaded.samples[i % loaded.samples.length];
      const edited = [...original.tokens];
      for (let k = 0; k < 4; k++) edited[Math.floor(rnd() * edited.length)] = vocab.words[vocab.draw()];
      edited.splice(Math.floor(rnd() * edited.length), 12);
      const th = performance.now();
      const hash = simhashOfWords(edited);
      const probe = simhashProbeKeys(hash);
      hashMs.push(performance.now() - th);
      const tq = performance.now();
      const res = await db.query<{ story_id: string }>(NEAR_DUPLICATE_QUERY, [simhashToPg(hash), probe, NEAR_DUPLICATE_MAX_DISTANCE, 10, HUB]);
      ms.push(performance.now() - tq);
      rows.push(res.rows.length);
      if (res.rows.some((r) => r.story_id === original.id)) found++;
    }
    // Stories sharing a probed band value with a sample: what the lookup verifies by exact distance.
    const h0 = simhashOfWords(loaded.samples[0].tokens);
    const candidates = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pool_search_docs WHERE simhash_bands && $1::int[]`, [
      simhashProbeKeys(h0),
    ]);
    results['near_duplicate'] = {
      ...stats(ms, rows),
      recallOfEditedCopy: round(found / o.queries),
      simhashAndProbeKeysMs: stats(hashMs, rows).p95,
      candidatesChecked: candidates.rows[0].n,
    };
    log(`near duplicate: ${JSON.stringify(results['near_duplicate'])}`);
  }

  // Baseline: GIN match + ts_rank over every match (the colleague's design).
  {
    const ms: number[] = [];
    const rows: number[] = [];
    for (let i = 0; i < Math.min(10, o.queries); i++) {
      const w = pick(common);
      const tq = performance.now();
      const res = await db.query(
        `SELECT story_id FROM pool_search_docs WHERE lexemes @@ $1::tsquery ORDER BY ts_rank(lexemes, $1::tsquery) DESC, doc_no DESC LIMIT 20`,
        [quoteLexeme(w)],
      );
      ms.push(performance.now() - tq);
      rows.push(res.rows.length);
    }
    results['baseline_gin_ts_rank_common_word'] = stats(ms, rows);
    log(`baseline: ${JSON.stringify(results['baseline_gin_ts_rank_common_word'])}`);
  }

  // Write cost (segment with jieba + tsvector + SimHash in the app; the insert statement), online:
  // one story per statement, and batches of 100 in one statement (StorySearchIndex.indexMany).
  {
    const segMs: number[] = [];
    const prepare = (story: Story) => {
      const ts = performance.now();
      const vectors = storyVectors({ title: segmenter.words(story.title), body: segmenter.words(story.body) });
      const hash = simhashOfWords(segmenter.words(`${story.title}\n${story.body}`, { mode: 'precise' }));
      segMs.push(performance.now() - ts);
      return { story, vectors, hash };
    };
    const insert = async (batch: ReturnType<typeof prepare>[]) => {
      await db.query(
        `INSERT INTO pool_stories (story_id, title, body, pooled_at) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::timestamptz[])`,
        [batch.map((b) => b.story.id), batch.map((b) => b.story.title), batch.map((b) => b.story.body), batch.map(() => new Date())],
      );
      const tq = performance.now();
      await db.query(INSERT_POOL_SEARCH_STORIES_WITH_BANDS, [
        batch.map((b) => b.story.id),
        batch.map(() => HUB),
        batch.map(() => HUB),
        batch.map((b) => b.story.origin),
        batch.map((b) => b.story.category),
        batch.map((b) => pgArray(b.story.tags)),
        batch.map(() => new Date()),
        batch.map((b) => b.vectors.lexemes),
        batch.map((b) => b.vectors.ranking),
        batch.map((b) => simhashToPg(b.hash)),
        batch.map((b) => `{${simhashBands(b.hash).join(',')}}`),
      ]);
      return performance.now() - tq;
    };
    const one: number[] = [];
    for (let i = 0; i < 50; i++) one.push(await insert([prepare(gen.story(n + 1000 + i))]));
    const perStoryInBatch: number[] = [];
    for (let k = 0; k < 5; k++) {
      const batch = Array.from({ length: 100 }, (_, i) => prepare(gen.story(n + 2000 + k * 100 + i)));
      perStoryInBatch.push((await insert(batch)) / 100);
    }
    results['write_one_story'] = {
      segmentAndVectorMs: stats(segMs, [0]).p50,
      insertMs: stats(one, [0]),
      insertPerStoryInBatchOf100Ms: stats(perStoryInBatch, [0]),
    };
    log(`write: ${JSON.stringify(results['write_one_story'])}`);
  }

  const summary = {
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memGb: Math.round(totalmem() / 2 ** 30),
      pg: (await db.query('SHOW server_version')).rows[0].server_version,
      sharedBuffers: (await db.query('SHOW shared_buffers')).rows[0].shared_buffers,
    },
    stories: n,
    queriesPerKind: o.queries,
    wordPositions: loaded.postings,
    wordPositionsPerStory: round(loaded.postings / n),
    lexicon: loaded.df.size,
    loadSeconds: { generate: round(loaded.generateMs / 1000), insertWait: round(loaded.insertMs / 1000), indexes: indexMs },
    sizes,
    results,
    totalSeconds: round((performance.now() - tStart) / 1000),
  };
  await db.end();
  if (!o.keep) await dropDatabase(o.database);
  console.log(JSON.stringify(summary));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
