import { createTestDatabase, TestDatabase } from '@syn/testing';
import { DataSource } from 'typeorm';
import { DeferredInsert, DeferredInserts } from './deferred-inserts';

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
    deferred = new DeferredInserts(dataSource);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  beforeEach(() => dataSource.query(`TRUNCATE notes, stories`));

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
