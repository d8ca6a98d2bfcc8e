import { buildTopListsSql, commonWordsSql, POOL_SEARCH_TABLES, scopeWatermarksSql } from './pool-search.sql';
import { refreshTopLists, type RunQuery } from './top-lists';

/** A database that answers the refresh's reads and records its builds. */
function fakeDatabase(common: Array<{ term: string; stories: number }>, scopes: Array<{ scope_code: string; upto: string; stories: number }>) {
  const builds: Array<{ scope: string; terms: string[]; estimates: number[] }> = [];
  const query: RunQuery = async (text, values = []) => {
    if (text === commonWordsSql(POOL_SEARCH_TABLES)) return common;
    if (text === scopeWatermarksSql(POOL_SEARCH_TABLES)) return scopes;
    if (text === buildTopListsSql(POOL_SEARCH_TABLES))
      builds.push({ scope: values[0] as string, terms: values[1] as string[], estimates: values[2] as number[] });
    if (text.includes(' AS analysed')) return [{ analysed: true, count: 10 }];
    if (text.includes(' AS n FROM')) return [{ n: 10 }];
    return [];
  };
  return { query, builds };
}

describe('refreshTopLists', () => {
  it('lists a word in a scope only when that scope alone has enough of its stories', async () => {
    // 3,000 stories in one database: 2,500 of one hub, 500 of another; 1,500 contain 发展.
    const db = fakeDatabase(
      [{ term: '发展', stories: 1500 }],
      [
        { scope_code: '360100', upto: '2999', stories: 2500 },
        { scope_code: '360200', upto: '3000', stories: 500 },
      ],
    );
    await refreshTopLists(db.query, POOL_SEARCH_TABLES, { run: 'extend', minMatches: 1000 });
    expect(db.builds).toEqual([{ scope: '360100', terms: ['发展'], estimates: [1250] }]);
  });

  it('lists the words it is told to in every scope, with their counts', async () => {
    const db = fakeDatabase(
      [],
      [
        { scope_code: '360100', upto: '9', stories: 9 },
        { scope_code: '360200', upto: '10', stories: 1 },
      ],
    );
    await refreshTopLists(db.query, POOL_SEARCH_TABLES, { run: 'extend', words: ['探路'] });
    expect(db.builds).toEqual([
      { scope: '360100', terms: ['探路'], estimates: [10] },
      { scope: '360200', terms: ['探路'], estimates: [10] },
    ]);
  });
});
