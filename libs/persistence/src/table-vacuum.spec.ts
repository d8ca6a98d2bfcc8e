import type { DataSource } from 'typeorm';
import { TableVacuum } from './table-vacuum';

function fakeDataSource(result: () => Promise<unknown> = () => Promise.resolve([])) {
  const statements: string[] = [];
  const dataSource = {
    query: (sql: string) => {
      statements.push(sql);
      return result();
    },
  } as unknown as DataSource;
  return { dataSource, statements };
}

describe('TableVacuum', () => {
  it('vacuums its tables once enough rows were noted, and counts again from zero', async () => {
    const { dataSource, statements } = fakeDataSource();
    const vacuum = new TableVacuum(dataSource, ['pool_search_bands', 'pool_search_top'], 100);
    vacuum.note(60);
    expect(statements).toEqual([]);
    vacuum.note(40);
    expect(statements).toEqual(['VACUUM (SKIP_LOCKED) pool_search_bands, pool_search_top']);
    await vacuum.idle();
    vacuum.note(99);
    expect(statements).toHaveLength(1);
    vacuum.note(1);
    expect(statements).toHaveLength(2);
  });

  it('runs one vacuum at a time: rows noted while one runs wait for the next', async () => {
    let finish: () => void = () => undefined;
    const { dataSource, statements } = fakeDataSource(() => new Promise<void>((resolve) => (finish = resolve)));
    const vacuum = new TableVacuum(dataSource, ['submission_bands'], 10);
    vacuum.note(10);
    vacuum.note(50);
    expect(statements).toHaveLength(1);
    finish();
    await vacuum.idle();
    vacuum.note(1);
    expect(statements).toHaveLength(2);
  });

  it('never vacuums when set to 0 (autovacuum keeps the tables)', () => {
    const { dataSource, statements } = fakeDataSource();
    const vacuum = new TableVacuum(dataSource, ['outbox'], 0);
    vacuum.note(1_000_000);
    expect(statements).toEqual([]);
  });

  it('does not pass a failed vacuum on to the writer that noted the rows', async () => {
    const { dataSource, statements } = fakeDataSource(() => Promise.reject(new Error('canceling statement due to statement timeout')));
    const vacuum = new TableVacuum(dataSource, ['outbox'], 1);
    expect(() => vacuum.note(1)).not.toThrow();
    await expect(vacuum.idle()).resolves.toBeUndefined();
    vacuum.note(1);
    expect(statements).toHaveLength(2);
  });
});
