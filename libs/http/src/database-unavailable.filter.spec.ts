import { isDatabaseUnavailable } from './database-unavailable.filter';

describe('isDatabaseUnavailable', () => {
  it.each([
    'timeout exceeded when trying to connect',
    'Connection terminated unexpectedly',
    'terminating connection due to administrator command',
    'connect ECONNREFUSED 127.0.0.1:5432',
    'Client has encountered a connection error and is not queryable',
    'Query runner already released. Cannot run queries anymore.',
    'Database connection provided by a query runner was already released, cannot continue to use its querying methods anymore.',
    'read ECONNRESET',
  ])('treats "%s" as the database being away', (m) => expect(isDatabaseUnavailable(new Error(m))).toBe(true));

  it('leaves real bugs and constraint errors alone', () => {
    expect(isDatabaseUnavailable(new Error('duplicate key value violates unique constraint "stories_pkey"'))).toBe(false);
    expect(isDatabaseUnavailable('timeout exceeded when trying to connect')).toBe(false);
  });
});
