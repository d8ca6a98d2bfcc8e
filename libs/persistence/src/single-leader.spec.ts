import { createTestDatabase, TestDatabase } from '@syn/testing';
import { DataSource } from 'typeorm';
import { runAsSingleLeader } from './single-leader';

/** Medium test: two replicas (two pools on one database) scheduling the same job at once. */
describe('runAsSingleLeader', () => {
  let db: TestDatabase;
  let replicas: DataSource[];

  beforeAll(async () => {
    db = await createTestDatabase('syn_leader');
    replicas = [new DataSource({ type: 'postgres', url: db.url }), new DataSource({ type: 'postgres', url: db.url })];
    await Promise.all(replicas.map((r) => r.initialize()));
  }, 60_000);

  afterAll(async () => {
    await Promise.all((replicas ?? []).map((r) => r.destroy()));
    await db?.drop();
  });

  it('runs a job in one replica while the other skips it, and lets the next round run again', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let runs = 0;
    const first = runAsSingleLeader(replicas[0]!, 'reconcile:360702', async () => {
      runs++;
      await held;
      return 'ran';
    });
    await new Promise((r) => setTimeout(r, 200));
    const second = await runAsSingleLeader(replicas[1]!, 'reconcile:360702', async () => {
      runs++;
      return 'ran';
    });
    expect(second).toBeNull();
    // A different job (another center) is not held back by it.
    expect(await runAsSingleLeader(replicas[1]!, 'reconcile:360703', async () => 'other')).toBe('other');
    release();
    expect(await first).toBe('ran');
    expect(runs).toBe(1);
    expect(await runAsSingleLeader(replicas[1]!, 'reconcile:360702', async () => 'next round')).toBe('next round');
  });

  it('lets go of the lock when the job fails', async () => {
    await expect(
      runAsSingleLeader(replicas[0]!, 'receipt-check', async () => {
        throw new Error('parent unreachable');
      }),
    ).rejects.toThrow('parent unreachable');
    expect(await runAsSingleLeader(replicas[1]!, 'receipt-check', async () => 'ok')).toBe('ok');
  });
});
