import { searchTables } from './pool-search.sql';
import { buildPoolSearchQuery, decodePoolSearchCursor, encodePoolSearchCursor, nextPoolSearchCursor } from './pool-search.query';

describe('buildPoolSearchQuery', () => {
  it('returns null for a query without searchable words', () => {
    expect(buildPoolSearchQuery({ scope: '360700', query: '' })).toBeNull();
    expect(buildPoolSearchQuery({ scope: '360700', query: '，。的' })).toBeNull();
  });

  it('serves a single word from its top list and live scores, then the tail; or scores every match', () => {
    const sql = buildPoolSearchQuery({ scope: '360700', query: '媒体' })!;
    expect(sql.words).toEqual(['媒体']);
    expect(sql.text).toContain('FROM pool_search_top t');
    expect(sql.text).toContain('ORDER BY t.score DESC, t.doc_no DESC');
    expect(sql.text).toContain('FROM pool_search_top_terms tt');
    expect(sql.text).toContain('d.lexemes @@ $1::tsquery');
    expect(sql.text).toMatch(/ts_rank\('\{0\.1,0\.2,0\.4,1\.0\}'::float4\[\], d\.ranking, \$\d+::tsquery\)/);
    expect(sql.values.slice(0, 4)).toEqual(["'媒体'", 20, '360700', ['媒体']]);
  });

  it('confines every branch to the scope (one hub of a multi-tenant database)', () => {
    const one = buildPoolSearchQuery({ scope: '360700', query: '媒体' })!;
    expect(one.text).toContain('t.scope_code = $3');
    expect(one.text).toContain('d.scope_code = $3');
    const two = buildPoolSearchQuery({ scope: '360700', query: '赣州 媒体' })!;
    expect(two.text).toContain('d.scope_code = $3');
  });

  it('searches another set of tables and filters by hub', () => {
    const tables = searchTables('index_search', 'story_index_texts', 'story_id');
    const sql = buildPoolSearchQuery({ scope: '360000', tables, query: '媒体', filters: { hubCodes: ['360700'] }, storyColumns: ['title'] })!;
    expect(sql.text).toContain('FROM index_search_top t');
    expect(sql.text).toContain('FROM index_search_docs d');
    expect(sql.text).toContain('JOIN story_index_texts s ON s.story_id = d.story_id');
    expect(sql.text).toMatch(/t\.hub_code = ANY\(\$\d+::text\[\]\)/);
    expect(sql.text).not.toContain('pool_search');
    const several = buildPoolSearchQuery({ scope: '360000', tables, query: '赣州 媒体', storyColumns: ['title'] })!;
    expect(several.text).toContain('FROM index_search_docs d');
    expect(several.text).toContain('index_search_top_terms');
    expect(several.text).not.toMatch(/pool_s/);
  });

  it('keeps every user-supplied value in parameters', () => {
    const evil = "媒体'); DROP TABLE pool_stories; --";
    const sql = buildPoolSearchQuery({
      scope: '360700',
      query: evil,
      filters: { originCodes: ["360702' OR '1'='1"], category: "x'y", tags: ["a'b"] },
    })!;
    expect(sql.text).not.toContain('DROP');
    expect(sql.text).not.toContain("'1'='1");
    expect(sql.text).not.toContain("x'y");
    expect(sql.values).toContain("360702' OR '1'='1");
  });

  it('applies filters to both tiers', () => {
    const from = new Date('2025-01-01T00:00:00Z');
    const before = new Date('2025-03-01T00:00:00Z');
    const sql = buildPoolSearchQuery({
      scope: '360700',
      query: '媒体',
      filters: { originCodes: ['360702'], pooledFrom: from, pooledBefore: before, tags: ['脱贫'] },
    })!;
    expect(sql.text).toMatch(/t\.origin_code = \$\d+/);
    expect(sql.text).toMatch(/d\.origin_code = \$\d+/);
    expect(sql.text).toMatch(/t\.pooled_at >= \$\d+::timestamptz/);
    expect(sql.text).toMatch(/d\.pooled_at < \$\d+::timestamptz/);
    expect(sql.text).toMatch(/d\.tags @> \$\d+::text\[\]/);
    expect(sql.values).toEqual(expect.arrayContaining([from, before, ['脱贫'], '360702']));
  });

  it('continues after a cursor and skips the scored tier once past it', () => {
    const inScored = buildPoolSearchQuery({ scope: '360700', query: '媒体', cursor: { score: '1375', docNo: '42' } })!;
    expect(inScored.text).toMatch(/\(t\.score, t\.doc_no\) < \(\$\d+::bigint, \$\d+::bigint\)/);
    const inTail = buildPoolSearchQuery({ scope: '360700', query: '媒体', cursor: { score: '0', docNo: '42' } })!;
    expect(inTail.text).not.toContain('FROM pool_search_top t\n');
    expect(inTail.text).not.toContain('ts_rank');
    expect(inTail.text).toMatch(/d\.doc_no < \$\d+::bigint/);
  });

  it('passes no parameter the query does not use: PostgreSQL cannot type one', () => {
    for (const filters of [{ originCodes: ['360702'] }, { category: '时政' }, { hubCodes: ['360100'], pooledFrom: new Date() }]) {
      for (const cursor of [undefined, { score: '1375', docNo: '42' }, { score: '0', docNo: '42' }]) {
        const sql = buildPoolSearchQuery({ scope: '360700', query: '媒体', filters, cursor })!;
        const used = new Set([...sql.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
        expect([...used].sort((a, b) => a - b)).toEqual(sql.values.map((_, i) => i + 1));
      }
    }
  });

  it('ANDs several words and adds their scores, from the lists or live', () => {
    const sql = buildPoolSearchQuery({ scope: '360700', query: '赣州 媒体', storyColumns: ['title', 'body'] })!;
    expect(sql.words).toEqual(['赣州', '媒体']);
    expect(sql.values[0]).toBe("'赣州' & '媒体'");
    expect(sql.text).toContain('count(*) = 2 AS all_listed');
    expect(sql.text).toMatch(/SELECT DISTINCT t\.doc_no FROM pool_search_top t/);
    expect(sql.text.match(/ts_rank\(/g)!.length).toBeGreaterThanOrEqual(6);
    expect(sql.text).toContain('JOIN pool_stories s ON s.story_id = d.story_id');
    expect(sql.text).toContain(', s.title, s.body');
  });

  it('rejects malformed cursors, limits and column names', () => {
    expect(() => buildPoolSearchQuery({ scope: '360700', query: '媒体', cursor: { score: '1; --', docNo: '1' } })).toThrow(RangeError);
    expect(() => buildPoolSearchQuery({ scope: '360700', query: '媒体', limit: 0 })).toThrow(RangeError);
    expect(() => buildPoolSearchQuery({ scope: '360700', query: '媒体', storyColumns: ['body; DROP'] })).toThrow(RangeError);
    expect(buildPoolSearchQuery({ scope: '360700', query: '媒体', limit: 1000 })!.limit).toBe(100);
  });
});

describe('cursors', () => {
  it('round-trips through an opaque token', () => {
    const c = { score: '123456789012', docNo: '987' };
    expect(decodePoolSearchCursor(encodePoolSearchCursor(c))).toEqual(c);
    expect(() => decodePoolSearchCursor('bm9wZQ')).toThrow(RangeError);
  });

  it('ends when a page is not full', () => {
    expect(nextPoolSearchCursor([{ doc_no: '1', score: '0' }], 20)).toBeNull();
    expect(
      nextPoolSearchCursor(
        [
          { doc_no: '9', score: '5' },
          { doc_no: '3', score: '2' },
        ],
        2,
      ),
    ).toEqual({ score: '2', docNo: '3' });
  });
});
