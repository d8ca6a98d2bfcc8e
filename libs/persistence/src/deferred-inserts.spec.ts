import { createTestDatabase, TestDatabase } from '@syn/testing';
import { DataSource, EntityManager } from 'typeorm';
import { DeferredInsert, DeferredInserts, joinStatements } from './deferred-inserts';

/** Medium test: deferred rows against a real PostgreSQL. */
describe('DeferredInserts', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let deferred: DeferredInserts;
  const notes = new DeferredInsert('notes', [
    { name: 'id', type: 'uuid' },
    { name: 'body', type: 'text' },
    { name: 'tags', type: 'jsonb', expr: 'ARRAY(SELECT jsonb_array_elements_text(u.tags))' },
  ]);
  const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const rows = async () =>
    (await dataSource.query(`SELECT id, body, tags, seq FROM notes ORDER BY seq`)) as Array<{ id: string; body: string; tags: string[] }>;

  beforeAll(async () => {
    db = await createTestDatabase('syn_deferred');
    dataSource = new DataSource({ type: 'postgres', url: db.url });
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE notes (seq bigserial, id uuid PRIMARY KEY, body text NOT NULL, tags text[] NOT NULL)`);
    await dataSource.query(`CREATE TABLE stories (id int PRIMARY KEY)`);
    await dataSource.query(`CREATE TABLE marks (seq bigserial, id uuid PRIMARY KEY, note text NOT NULL)`);
    deferred = new DeferredInserts(dataSource);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  beforeEach(() => dataSource.query(`TRUNCATE notes, stories, marks`));

  const marks = new DeferredInsert('marks', [
    { name: 'id', type: 'uuid' },
    { name: 'note', type: 'text' },
  ]);

  /** The statements a transaction sends, read from TypeORM's query runner. */
  async function statementsOf(work: (m: EntityManager) => Promise<void>): Promise<string[]> {
    const sent: string[] = [];
    await dataSource.transaction(async (m) => {
      const query = m.queryRunner!.query.bind(m.queryRunner);
      m.queryRunner!.query = ((sql: string, params?: unknown[], structured?: boolean) => {
        sent.push(sql);
        return query(sql, params, structured as never);
      }) as typeof query;
      await work(m);
    });
    return sent.filter((sql) => !/^(START TRANSACTION|COMMIT|BEGIN)/.test(sql));
  }

  it('joins statements into one, renumbering each one’s parameters after the ones before it', () => {
    const joined = joinStatements([
      { sql: 'INSERT INTO a SELECT * FROM unnest($1::int[], $2::text[])', params: [[1], ['x']] },
      { sql: 'UPDATE b SET n = $2 WHERE id = $1', params: ['id', 7] },
    ]);
    expect(joined.sql).toBe('WITH w0 AS (INSERT INTO a SELECT * FROM unnest($1::int[], $2::text[]))\nUPDATE b SET n = $4 WHERE id = $3');
    expect(joined.params).toEqual([[1], ['x'], 'id', 7]);
  });

  it('writes the rows of several tables in one statement at commit', async () => {
    const sent = await statementsOf(async (m) => {
      await deferred.add(m, notes, [[id(20), '稿件', '[]']]);
      await deferred.add(m, marks, [[id(21), '审核']]);
      await deferred.add(m, notes, [[id(22), '稿件二', '[]']]);
    });
    expect(sent).toHaveLength(1);
    expect((await rows()).map((r) => r.body)).toEqual(['稿件', '稿件二']);
    expect(await dataSource.query(`SELECT note FROM marks`)).toEqual([{ note: '审核' }]);
  });

  it('writes a last statement with the queued rows, in one round trip, and nothing again at commit', async () => {
    await dataSource.query(`INSERT INTO stories VALUES (1)`);
    const sent = await statementsOf(async (m) => {
      await deferred.add(m, notes, [[id(23), '上报', '[]']]);
      await deferred.add(m, marks, [[id(24), '台账']]);
      await deferred.writeWith(m, { sql: `UPDATE stories SET id = $1 WHERE id = $2`, params: [2, 1] });
    });
    expect(sent).toHaveLength(1);
    expect(await dataSource.query(`SELECT id FROM stories`)).toEqual([{ id: 2 }]);
    expect((await rows()).map((r) => r.body)).toEqual(['上报']);
    expect(await dataSource.query(`SELECT note FROM marks`)).toEqual([{ note: '台账' }]);
  });

  it('a queued row that cannot be written fails the last statement too, and the transaction rolls back whole', async () => {
    await dataSource.query(`INSERT INTO stories VALUES (1)`);
    await dataSource.query(`INSERT INTO marks (id, note) VALUES ($1, '已有')`, [id(25)]);
    await expect(
      dataSource.transaction(async (m) => {
        await deferred.add(m, marks, [[id(25), '重复']]);
        await deferred.writeWith(m, { sql: `UPDATE stories SET id = $1 WHERE id = $2`, params: [3, 1] });
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await dataSource.query(`SELECT id FROM stories`)).toEqual([{ id: 1 }]);
  });

  it('two inserts into one table go one after the other, since one statement may not meet a row twice', async () => {
    const other = new DeferredInsert('notes', notes.columns);
    const sent = await statementsOf(async (m) => {
      await deferred.add(m, notes, [[id(26), '甲', '[]']]);
      await deferred.add(m, other, [[id(27), '乙', '[]']]);
    });
    expect(sent).toHaveLength(2);
    expect((await rows()).map((r) => r.body)).toEqual(['甲', '乙']);
  });

  it('writes a transaction’s rows as it commits, in the order they were added, and not before', async () => {
    await dataSource.transaction(async (m) => {
      await deferred.add(m, notes, [[id(2), '第二条', JSON.stringify(['县'])]]);
      await deferred.add(m, notes, [[id(1), '第一条', JSON.stringify(['市', '省'])]]);
      expect(await m.query(`SELECT count(*)::int AS n FROM notes`)).toEqual([{ n: 0 }]);
    });
    expect((await rows()).map((r) => [r.id, r.body, r.tags])).toEqual([
      [id(2), '第二条', ['县']],
      [id(1), '第一条', ['市', '省']],
    ]);
  });

  it('drops them when the transaction rolls back', async () => {
    await expect(
      dataSource.transaction(async (m) => {
        await deferred.add(m, notes, [[id(3), '作废', '[]']]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rows()).toEqual([]);
  });

  it('a row that cannot be written fails the commit, and the change it belongs to rolls back with it', async () => {
    await dataSource.query(`INSERT INTO notes (id, body, tags) VALUES ($1, '已有', '{}')`, [id(4)]);
    await expect(
      dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO stories VALUES (1)`);
        await deferred.add(m, notes, [[id(4), '重复', '[]']]);
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM stories`)).toEqual([{ n: 0 }]);
  });

  it('writes at once outside a transaction, and on request inside one, so that a read sees its own rows', async () => {
    await deferred.add(dataSource.manager, notes, [[id(5), '立即', '[]']]);
    expect(await rows()).toHaveLength(1);
    await dataSource.transaction(async (m) => {
      await deferred.add(m, notes, [[id(6), '先写', '[]']]);
      await deferred.flushFor(m);
      expect(await m.query(`SELECT count(*)::int AS n FROM notes`)).toEqual([{ n: 2 }]);
    });
    expect(await rows()).toHaveLength(2);
  });

  it('keeps rows queued before a savepoint when only the savepoint rolls back', async () => {
    await dataSource.transaction(async (m) => {
      await deferred.add(m, notes, [[id(7), '外层', '[]']]);
      await expect(
        m.transaction(async (inner) => {
          await deferred.add(inner, notes, [[id(8), '内层', '[]']]);
          throw new Error('inner failed');
        }),
      ).rejects.toThrow('inner failed');
    });
    expect((await rows()).map((r) => r.body)).toEqual(['外层']);
  });

  it('runs after-commit work once the transaction has committed, once per function, and never after a rollback', async () => {
    const seen: number[] = [];
    const wake = () => seen.push(seen.length);
    await dataSource.transaction(async (m) => {
      deferred.afterCommit(m, wake);
      deferred.afterCommit(m, wake);
      await m.transaction(async (inner) => inner.query('SELECT 1'));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual([0]);
    await expect(
      dataSource.transaction(async (m) => {
        deferred.afterCommit(m, wake);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await dataSource.transaction((m) => m.query('SELECT 1'));
    expect(seen).toEqual([0]);
    deferred.afterCommit(dataSource.manager, wake);
    expect(seen).toEqual([0, 1]);
  });

  it('a bare instance (no data source to hear commits) writes at once', async () => {
    const bare = new DeferredInserts();
    await dataSource.transaction(async (m) => {
      await bare.add(m, notes, [[id(9), '单元测试', '[]']]);
      expect(await m.query(`SELECT count(*)::int AS n FROM notes`)).toEqual([{ n: 1 }]);
    });
  });
});
