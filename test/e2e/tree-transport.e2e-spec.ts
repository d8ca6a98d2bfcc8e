import { RELEASE_ISSUED, RELEASE_WITHDRAWN, STORY_CORRECTED, STORY_SUBMITTED, TOPIC_ANSWERED, TOPIC_ISSUED, TopicIssued } from '@syn/contracts';
import { deliveryPersistence } from '@syn/delivery';
import { DeliveryLedger, messagingPersistence, OutboxCommitSignal, OutboxWriter, StoryDelivery, TreeTransport } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { DeferredInserts, SnakeNamingStrategy } from '@syn/persistence';
import { createTestDatabase, makeSnapshot, TestDatabase } from '@syn/testing';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

const directory = new CenterDirectory([
  { code: '360000', name: '江西省', level: 'province', parent: null },
  { code: '360700', name: '赣州市', level: 'city', parent: '360000' },
  { code: '360702', name: '章贡区', level: 'county', parent: '360700' },
  { code: '360703', name: '南康区', level: 'county', parent: '360700' },
  { code: '360704', name: '赣县区', level: 'county', parent: '360700' },
]);

/** Medium test: the one sender and its ledger against real PostgreSQL, every hop in the caller's transaction. */
describe('the tree transport and its one delivery ledger', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let transport: TreeTransport;
  let ledger: DeliveryLedger;

  beforeAll(async () => {
    db = await createTestDatabase('syn_tree_transport');
    dataSource = new DataSource({
      type: 'postgres',
      url: db.url,
      entities: [...messagingPersistence.entities, ...deliveryPersistence.entities],
      migrations: [...messagingPersistence.migrations, ...deliveryPersistence.migrations],
      namingStrategy: new SnakeNamingStrategy(),
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    // As in the apps: outbox and ledger rows wait for the commit of the transaction that wrote them.
    const deferred = new DeferredInserts(dataSource);
    ledger = new DeliveryLedger(dataSource, deferred);
    transport = new TreeTransport(new OutboxWriter(new OutboxCommitSignal(), deferred), ledger, directory);
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const topic = (): TopicIssued => ({
    topicId: uuidv7(),
    issuerCode: '360700',
    title: '春耕一线',
    brief: '各县报送春耕备耕情况',
    deadline: '2026-12-31T00:00:00.000Z',
    targets: ['360702', '360703'],
    issuedBy: '王芳',
    issuedAt: new Date().toISOString(),
  });
  const ledgerRows = (id: string) =>
    dataSource.query(`SELECT sender, item_kind, holder, version, kind, receipt_status, event_type FROM delivery_ledger WHERE item_id = $1 ORDER BY holder`, [
      id,
    ]);
  const subjects = async (releaseId: string): Promise<string[]> =>
    (await dataSource.query(`SELECT subject FROM outbox WHERE envelope::jsonb -> 'payload' ->> 'releaseId' = $1 ORDER BY seq`, [releaseId])).map(
      (r: { subject: string }) => r.subject,
    );

  it('a follow-up in the same transaction reaches exactly the children the item reached, and each hop is one ledger row', async () => {
    const releaseId = uuidv7();
    const withdrawn = { releaseId, issuerCode: '360700', reason: '内容有误', withdrawnBy: '王芳', withdrawnAt: new Date().toISOString() };
    const reached = await dataSource.transaction(async (m) => {
      const story = makeSnapshot('360700');
      const issued = {
        releaseId,
        issuerCode: '360700',
        revision: 1,
        story,
        note: null,
        targets: ['360702', '360703'],
        issuedBy: '王芳',
        issuedAt: story.createdAt,
      };
      await transport.fanOut(m, { kind: 'release', id: releaseId, version: 1 }, '360700', ['360702', '360703'], RELEASE_ISSUED, issued);
      // Not yet written (they wait for the commit), yet the follow-up sees them.
      return transport.follow(m, { kind: 'release', id: releaseId }, '360700', RELEASE_WITHDRAWN, withdrawn, 'withdrawal');
    });
    expect(reached).toEqual(['360702', '360703']);
    expect(await ledgerRows(releaseId)).toEqual(
      ['360702', '360703'].map((holder) => ({
        sender: '360700',
        item_kind: 'release',
        holder,
        version: 1,
        kind: 'withdrawal',
        receipt_status: 'none',
        event_type: RELEASE_WITHDRAWN,
      })),
    );
    expect(await subjects(releaseId)).toEqual([
      'syn.down.360700.360702.release.issued',
      'syn.down.360700.360703.release.issued',
      'syn.down.360700.360702.release.withdrawn',
      'syn.down.360700.360703.release.withdrawn',
    ]);
  });

  it('an item goes up to the parent, and nowhere from the top of the tree', async () => {
    const t = topic();
    const answer = {
      topicId: t.topicId,
      issuerCode: '360700',
      answererCode: '360702',
      storyId: uuidv7(),
      storyVersion: 1,
      storyTitle: '春耕备耕忙',
      authors: ['刘敏'],
      answeredBy: '刘敏',
      answeredAt: new Date().toISOString(),
    };
    const [parent, none] = await dataSource.transaction(async (m) => [
      await transport.up(m, { kind: 'topic-answer', id: t.topicId }, '360702', TOPIC_ANSWERED, answer),
      await transport.up(m, { kind: 'topic-answer', id: t.topicId }, '360000', TOPIC_ANSWERED, answer),
    ]);
    expect([parent, none]).toEqual(['360700', null]);
    expect(await ledgerRows(t.topicId)).toEqual([
      { sender: '360702', item_kind: 'topic-answer', holder: '360700', version: 1, kind: 'delivery', receipt_status: 'none', event_type: TOPIC_ANSWERED },
    ]);
  });

  it('refuses a hop to a center that is not a child, naming the item and both centers, and writes nothing', async () => {
    const t = topic();
    await expect(dataSource.transaction((m) => transport.down(m, { kind: 'topic', id: t.topicId }, '360702', '360703', TOPIC_ISSUED, t))).rejects.toThrow(
      `relay of topic ${t.topicId}: 360703 is not a child of 360702`,
    );
    expect(await ledgerRows(t.topicId)).toEqual([]);
  });

  it('a story correction waits for its receipt; the same version again never re-opens a confirmed receipt, a newer one does', async () => {
    const story = makeSnapshot('360702');
    const correction = (version: number): StoryDelivery<typeof STORY_CORRECTED> => ({
      type: STORY_CORRECTED,
      from: '360702',
      to: '360700',
      payload: { story: { ...story, version }, note: null, correctedBy: '刘敏', correctedAt: new Date().toISOString() },
      storyId: story.id,
      version,
      kind: 'correction',
      expectReceipt: true,
    });
    await dataSource.transaction(async (m) => {
      await transport.send(m, {
        type: STORY_SUBMITTED,
        from: '360702',
        to: '360700',
        payload: { story, submittedBy: '刘敏', submittedAt: story.createdAt },
        storyId: story.id,
        version: 1,
        kind: 'delivery',
      });
      await transport.send(m, correction(2));
    });
    const status = async () =>
      (await ledgerRows(story.id)).map((r: { version: number; receipt_status: string; kind: string }) => [r.version, r.kind, r.receipt_status]);
    expect(await status()).toEqual([[2, 'correction', 'pending']]);
    const receipt = { sender: '360702', holder: '360700', storyId: story.id, version: 2, kind: 'correction' as const, outcome: 'applied', via: null };
    await dataSource.transaction((m) => ledger.confirm(m, receipt));
    await dataSource.transaction((m) => transport.send(m, correction(2)));
    expect(await status()).toEqual([[2, 'correction', 'confirmed']]);
    await dataSource.transaction((m) => transport.send(m, correction(3)));
    expect(await status()).toEqual([[3, 'correction', 'pending']]);
    expect(await ledger.list('360702', { storyId: story.id, limit: 10 })).toEqual([
      expect.objectContaining({ itemKind: 'story', itemId: story.id, version: 3 }),
    ]);
  });
});
