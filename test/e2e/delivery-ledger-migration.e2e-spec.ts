import { deliveryPersistence } from '@syn/delivery';
import { messagingPersistence } from '@syn/messaging';
import { PersistencePart, SnakeNamingStrategy } from '@syn/persistence';
import { createTestDatabase, TestDatabase } from '@syn/testing';
import { DataSource } from 'typeorm';

// Every migration that made the two ledgers, and the one that joins them.
const ALL = [...messagingPersistence.migrations, ...deliveryPersistence.migrations];
const BEFORE = ALL.filter((m) => m.name !== 'OneDeliveryLedger1764101510000');
const STORY = '0193a000-0000-7000-8000-000000000001';
const RELEASE = '0193a000-0000-7000-8000-000000000002';
const TOPIC = '0193a000-0000-7000-8000-000000000003';
const event = (n: number) => `0193a000-0000-7000-8000-0000000001${String(n).padStart(2, '0')}`;

/** The two ledgers of a running network become one, and back, without losing a row. */
describe('the one delivery ledger migration', () => {
  let db: TestDatabase;
  const open = async (migrations: PersistencePart['migrations']) => {
    const ds = new DataSource({ type: 'postgres', url: db.url, migrations, namingStrategy: new SnakeNamingStrategy() });
    await ds.initialize();
    return ds;
  };

  beforeAll(async () => {
    db = await createTestDatabase('syn_ledger_migration');
  }, 60_000);

  afterAll(async () => {
    await db?.drop();
  });

  it('moves each hop of relay_deliveries into delivery_ledger beside the stories, its latest event deciding the kind', async () => {
    const before = await open(BEFORE);
    await before.runMigrations();
    await before.query(
      `INSERT INTO delivery_ledger (sender, story_id, holder, version, kind, receipt_status, event_id) VALUES ('360702', $1, '360700', 3, 'correction', 'pending', $2)`,
      [STORY, event(1)],
    );
    await before.query(
      `INSERT INTO relay_deliveries (item_kind, item_id, direction, from_code, to_code, event_type, event_id) VALUES
         ('release', $1, 'down', '360700', '360702', 'release.issued', $3),
         ('release', $1, 'down', '360700', '360703', 'release.issued', $4),
         ('release', $1, 'down', '360700', '360702', 'release.withdrawn', $5),
         ('topic', $2, 'down', '360700', '360703', 'topic.issued', $6),
         ('topic', $2, 'down', '360700', '360703', 'topic.issued', $7)`,
      [RELEASE, TOPIC, event(2), event(3), event(4), event(5), event(6)],
    );
    await before.destroy();

    const after = await open(ALL);
    await after.runMigrations();
    const rows = await after.query(
      `SELECT sender, item_kind, item_id, holder, version, kind, receipt_status, event_type, event_id FROM delivery_ledger ORDER BY item_kind, item_id, holder`,
    );
    expect(rows).toEqual([
      {
        sender: '360700',
        item_kind: 'release',
        item_id: RELEASE,
        holder: '360702',
        version: 1,
        kind: 'withdrawal',
        receipt_status: 'none',
        event_type: 'release.withdrawn',
        event_id: event(4),
      },
      {
        sender: '360700',
        item_kind: 'release',
        item_id: RELEASE,
        holder: '360703',
        version: 1,
        kind: 'delivery',
        receipt_status: 'none',
        event_type: 'release.issued',
        event_id: event(3),
      },
      {
        sender: '360702',
        item_kind: 'story',
        item_id: STORY,
        holder: '360700',
        version: 3,
        kind: 'correction',
        receipt_status: 'pending',
        event_type: null,
        event_id: event(1),
      },
      {
        sender: '360700',
        item_kind: 'topic',
        item_id: TOPIC,
        holder: '360703',
        version: 1,
        kind: 'correction',
        receipt_status: 'none',
        event_type: 'topic.issued',
        event_id: event(6),
      },
    ]);
    expect(await after.query(`SELECT to_regclass('relay_deliveries') AS t`)).toEqual([{ t: null }]);
    expect(ALL.length - BEFORE.length).toBe(1);

    await after.undoLastMigration();
    expect(await after.query(`SELECT story_id, holder, version FROM delivery_ledger`)).toEqual([{ story_id: STORY, holder: '360700', version: 3 }]);
    expect(await after.query(`SELECT item_kind, direction, from_code, to_code, event_type FROM relay_deliveries ORDER BY item_kind, to_code`)).toEqual([
      { item_kind: 'release', direction: 'down', from_code: '360700', to_code: '360702', event_type: 'release.withdrawn' },
      { item_kind: 'release', direction: 'down', from_code: '360700', to_code: '360703', event_type: 'release.issued' },
      { item_kind: 'topic', direction: 'down', from_code: '360700', to_code: '360703', event_type: 'topic.issued' },
    ]);
    await after.destroy();
  });
});
