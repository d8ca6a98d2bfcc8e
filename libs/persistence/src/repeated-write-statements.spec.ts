import type { Client } from 'pg';
import { isWrite, prepareRepeatedWrites, RepeatedWriteStatements } from './repeated-write-statements';

describe('RepeatedWriteStatements', () => {
  const insert = 'INSERT INTO outbox (event_id) SELECT * FROM unnest($1::uuid[])';

  it('names a write once it has been seen often enough, always the same name', () => {
    const s = new RepeatedWriteStatements(3);
    expect(s.nameFor(insert)).toBeUndefined();
    expect(s.nameFor(insert)).toBeUndefined();
    const name = s.nameFor(insert);
    expect(name).toMatch(/^syn_[0-9a-f]{20}$/);
    expect(s.nameFor(insert)).toBe(name);
    expect(s.nameFor(`${insert} `)).toBeUndefined();
  });

  it('never names reads, however often they run', () => {
    const s = new RepeatedWriteStatements(1);
    const search = 'WITH hits AS (SELECT doc_no FROM pool_search_docs WHERE lexemes @@ $1::tsquery) SELECT * FROM hits LIMIT $2';
    for (let i = 0; i < 5; i++) expect(s.nameFor(search)).toBeUndefined();
    expect(s.nameFor('SELECT * FROM stories WHERE id = $1 FOR UPDATE')).toBeUndefined();
  });

  it('stops naming new texts at its limit and forgets tallies of texts that never repeat', () => {
    const s = new RepeatedWriteStatements(1, 2, 3);
    expect(s.nameFor('DELETE FROM a WHERE id = $1')).toBeDefined();
    expect(s.nameFor('DELETE FROM b WHERE id = $1')).toBeDefined();
    expect(s.nameFor('DELETE FROM c WHERE id = $1')).toBeUndefined();
    expect(s.size).toBe(2);
    const t = new RepeatedWriteStatements(2, 100, 2);
    t.nameFor('DELETE FROM a WHERE id = $1');
    t.nameFor('DELETE FROM b WHERE id = $1');
    t.nameFor('DELETE FROM c WHERE id = $1'); // the tally was full: cleared, c counted afresh
    expect(t.nameFor('DELETE FROM a WHERE id = $1')).toBeUndefined();
    expect(t.nameFor('DELETE FROM c WHERE id = $1')).toBeDefined();
  });

  it.each([
    ['INSERT INTO x VALUES ($1)', true],
    ['  update stories SET status = $1', true],
    ['DELETE FROM x WHERE id = $1', true],
    ['WITH w0 AS (INSERT INTO audit_log (id) SELECT unnest($1::uuid[])) SELECT 1', true],
    ['WITH d AS (DELETE FROM submission_bands WHERE story_id = ANY($1)) SELECT 1', true],
    ['WITH k AS (SELECT 1) UPDATE submissions s SET status = $1 FROM k', true],
    ['SELECT * FROM stories WHERE id = $1', false],
    ['WITH a AS (SELECT $1::int AS n) SELECT n FROM a', false],
  ])('tells writes from reads: %s', (text, write) => {
    expect(isWrite(text)).toBe(write);
  });
});

describe('prepareRepeatedWrites', () => {
  const calls: unknown[][] = [];
  const client = {
    query: (...args: unknown[]) => {
      calls.push(args);
      return Promise.resolve({ rows: [] });
    },
  };
  prepareRepeatedWrites(client as unknown as Client, new RepeatedWriteStatements(1));

  beforeEach(() => (calls.length = 0));

  it('sends a repeated write with values as a named statement', async () => {
    await client.query('INSERT INTO x VALUES ($1)', [1]);
    expect(calls[0][0]).toEqual({ name: expect.stringMatching(/^syn_/), text: 'INSERT INTO x VALUES ($1)', values: [1] });
  });

  it('leaves statements without values alone: a multi-statement simple query cannot be prepared', async () => {
    await client.query('BEGIN; UPDATE outbox SET sent_at = now() WHERE seq = ANY(ARRAY[1]); COMMIT');
    await client.query('INSERT INTO x VALUES (1)', []);
    expect(calls.map((c) => typeof c[0])).toEqual(['string', 'string']);
  });

  it('passes a callback through to the named statement', () => {
    const done = jest.fn();
    void client.query('UPDATE x SET n = $1', [2], done);
    expect(calls[0][1]).toBe(done);
  });
});
