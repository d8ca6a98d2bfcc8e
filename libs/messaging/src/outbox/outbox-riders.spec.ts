import { LEDGER_REPORTED, STORY_POOLED, type LedgerReported, type StoryPooled } from '@syn/contracts';
import { DeferredInserts, SnakeNamingStrategy } from '@syn/persistence';
import { createTestDatabase, makeSnapshot, TestDatabase } from '@syn/testing';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { decodeMessage } from '../consumer/event-decoder';
import type { EventHandler } from '../consumer/event-handler';
import { EventHandlerRegistry } from '../consumer/event-handler.registry';
import { MessagingTables1764100000000 } from '../migrations/1764100000000-messaging-tables';
import { OutboxRequestId1764101500100 } from '../migrations/1764101500100-outbox-request-id';
import { OutboxCommitSignal } from './outbox-commit.signal';
import { OutboxWriter } from './outbox.writer';

/** Medium test: events that ride inside another event's message, from the outbox row to the receiver's decoding. */
describe('outbox riders', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let writer: OutboxWriter;
  const registry = new EventHandlerRegistry();
  const handler: EventHandler = { handle: async () => undefined };
  registry.register({ type: STORY_POOLED, direction: 'up' }, handler);
  registry.register({ type: LEDGER_REPORTED, direction: 'up' }, handler);

  beforeAll(async () => {
    db = await createTestDatabase('syn_outbox_riders');
    dataSource = new DataSource({
      type: 'postgres',
      url: db.url,
      migrations: [MessagingTables1764100000000, OutboxRequestId1764101500100],
      namingStrategy: new SnakeNamingStrategy(),
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    writer = new OutboxWriter(new OutboxCommitSignal(), new DeferredInserts(dataSource));
  }, 60_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const story = makeSnapshot('360702');
  const pooled: StoryPooled = { story, hubCode: '360700', pooledBy: '自动入库', pooledAt: new Date().toISOString(), edition: 0 };
  const entry = (storyId: string, kind: 'submitted' | 'accepted'): LedgerReported => ({
    entryId: uuidv7(),
    kind,
    storyId,
    storyVersion: 1,
    originCode: '360702',
    authors: ['测试'],
    actorCode: '360700',
    recordedBy: '360700',
    occurredAt: new Date().toISOString(),
  });
  const rows = (): Promise<Array<{ event_id: string; subject: string; type: string; envelope: string }>> =>
    dataSource.query(`SELECT event_id, subject, type, envelope FROM outbox ORDER BY seq`);
  const up = { direction: 'up' as const, recipient: '360000' };

  beforeEach(() => dataSource.query(`TRUNCATE outbox`));

  it('carries ledger facts about the story inside its story.pooled to the same parent, whatever order they were written in', async () => {
    const [before, after, other] = [entry(story.id, 'submitted'), entry(story.id, 'accepted'), entry(uuidv7(), 'submitted')];
    const sent = await dataSource.transaction(async (m) => {
      const b = await writer.append(m, { type: LEDGER_REPORTED, parent: '360000', child: '360700', payload: before });
      const p = await writer.append(m, { type: STORY_POOLED, parent: '360000', child: '360700', payload: pooled });
      const a = await writer.append(m, { type: LEDGER_REPORTED, parent: '360000', child: '360700', payload: after });
      const o = await writer.append(m, { type: LEDGER_REPORTED, parent: '360000', child: '360700', payload: other });
      return { b, p, a, o };
    });
    const written = await rows();
    // The fact about another story has no carrier: it goes alone.
    expect(written.map((r) => [r.event_id, r.type])).toEqual([
      [sent.p.id, STORY_POOLED],
      [sent.o.id, LEDGER_REPORTED],
    ]);
    const decoded = await decodeMessage(registry, up, written[0].subject, Buffer.from(written[0].envelope));
    expect(decoded.map((d) => [d.event.envelope.id, d.event.route.type])).toEqual([
      [sent.p.id, STORY_POOLED],
      [sent.b.id, LEDGER_REPORTED],
      [sent.a.id, LEDGER_REPORTED],
    ]);
    expect(decoded[2].event.payload).toEqual(after);
    expect(decoded[2].event.route).toMatchObject({ direction: 'up', parent: '360000', child: '360700' });
  });

  it('refuses as poison a rider whose type may not ride, or that claims another sender', async () => {
    await dataSource.transaction((m) => writer.append(m, { type: STORY_POOLED, parent: '360000', child: '360700', payload: pooled }));
    const [row] = await rows();
    const envelope = JSON.parse(row.envelope);
    const forged = (rider: object) => Buffer.from(JSON.stringify({ ...envelope, riders: [rider] }));
    const ledger = { id: uuidv7(), type: LEDGER_REPORTED, sender: '360700', occurredAt: new Date().toISOString(), payload: entry(story.id, 'accepted') };
    await expect(decodeMessage(registry, up, row.subject, forged({ ...envelope, id: uuidv7() }))).rejects.toThrow(/story.pooled may not ride/);
    await expect(decodeMessage(registry, up, row.subject, forged({ ...ledger, sender: '360100' }))).rejects.toThrow(/origin mismatch/);
    expect(await decodeMessage(registry, up, row.subject, forged(ledger))).toHaveLength(2);
  });
});
