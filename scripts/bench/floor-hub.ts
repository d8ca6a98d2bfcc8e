// The event classes carry class-transformer decorators, which read reflect metadata when the catalog loads.
import 'reflect-metadata';
import { jetstream, JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { ChineseSegmenter, NEAR_DUPLICATE_MAX_DISTANCE } from '@syn/chinese-text';
import { STORY_POOLED, type EventEnvelope, type StorySubmitted } from '@syn/contracts';
import { floorPool } from './floor-database';
import { FloorOutboxRelay, MARK_PUBLISHED_SQL } from './floor-outbox-relay';
import { consumeInBatches } from './floor-batch-consumer';
import { storyText, type StoryText } from './floor-text';
import { FLOOR_HUB_DURABLE, FLOOR_STREAM, HUB_DDL, pooledSubject, SUBMITTED_FILTER } from './floor-wire';

const env = (k: string) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is required`);
  return v;
};

/**
 * The floor's city hub, as its own process: takes story.submitted in batches, does the text work
 * once per story (floor-text.ts), and in one transaction per batch records the event ids in its
 * inbox, probes the SimHash bands of its pool for near-duplicates, inserts the pool rows with their
 * tsvector (GIN) and the story.pooled outbox rows, all set-based; then publishes story.pooled
 * carrying the tsvector and the SimHash, so the province segments nothing.
 */
async function main() {
  const province = env('FLOOR_PROVINCE');
  const pool = floorPool(env('FLOOR_DATABASE_URL'));
  for (const ddl of HUB_DDL) await pool.query(ddl);
  const segmenter = new ChineseSegmenter();
  const nc = await connect({ servers: env('FLOOR_NATS_URL'), name: 'floor-hub', noAsyncTraces: true });
  const fail = (e: Error) => process.stderr.write(`floor hub: ${e.message}\n`);
  const relay = new FloorOutboxRelay(jetstream(nc), fail);

  const prepare = async (batch: JsMsg[]) => {
    let busy = 0;
    // The subject carries the route: floor.up.<hub>.<county>.story.submitted.
    const events = batch.map((m) => ({ ...(JSON.parse(m.string()) as EventEnvelope<StorySubmitted>), hub: m.subject.split('.')[2] }));
    const texts: StoryText[] = [];
    for (const e of events) {
      const t = performance.now();
      texts.push(storyText(segmenter, e.payload.story.title, e.payload.story.body));
      busy += performance.now() - t;
      // A story's text is ~2 ms: let the previous batch's statements go on between stories.
      await new Promise((r) => setImmediate(r));
    }
    return { events, texts, textMs: busy };
  };
  const apply = async ({ events, texts, textMs }: Awaited<ReturnType<typeof prepare>>) => {
    const t1 = performance.now();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      // The band lookup goes through the index even while the pool is small (as the product's function does).
      await client.query('SET LOCAL enable_seqscan = off');
      const fresh = new Set(
        (
          await client.query<{ event_id: string }>(
            `INSERT INTO floor_inbox (event_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id::text`,
            [events.map((e) => e.id)],
          )
        ).rows.map((r) => r.event_id),
      );
      const todo = events.map((e, i) => ({ e, t: texts[i] })).filter(({ e }) => fresh.has(e.id));
      if (todo.length > 0) {
        // One statement for the batch: every probe key of every story against the narrow band table,
        // its index carrying the SimHash, so candidates are checked without reading the wide pool rows.
        const probe = todo.flatMap(({ t }, i) => t.probeKeys.map((key) => ({ i, key, simhash: t.simhash })));
        const near = await client.query<{ i: number; story_id: string }>(
          `SELECT DISTINCT ON (q.i) q.i, b.story_id::text
           FROM unnest($1::int[], $2::int[], $3::bigint[]) AS q(i, key, simhash)
           JOIN floor_bands b ON b.band_key = q.key
           WHERE bit_count((b.simhash # q.simhash)::bit(64)) <= $4
           ORDER BY q.i, bit_count((b.simhash # q.simhash)::bit(64))`,
          [probe.map((p) => p.i), probe.map((p) => p.key), probe.map((p) => p.simhash), NEAR_DUPLICATE_MAX_DISTANCE],
        );
        const nearOf = new Map(near.rows.map((r) => [r.i, r.story_id]));
        const s = todo.map(({ e }) => e.payload.story);
        await client.query(
          `INSERT INTO floor_pool (story_id, hub_code, origin_code, version, title, body, content_hash, category, simhash, near_duplicate_of, lexemes)
           SELECT id, hub, origin, version, title, body, hash, category, simhash, near, lexemes
           FROM unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bigint[], $10::uuid[], $11::tsvector[])
             AS u(id, hub, origin, version, title, body, hash, category, simhash, near, lexemes)
           ON CONFLICT (story_id) DO NOTHING`,
          [
            s.map((x) => x.id),
            todo.map(({ e }) => e.hub),
            s.map((x) => x.originCode),
            s.map((x) => x.version),
            s.map((x) => x.title),
            todo.map(({ t }) => t.body),
            s.map((x) => x.contentHash),
            s.map((x) => x.category ?? null),
            todo.map(({ t }) => t.simhash),
            todo.map((_, i) => nearOf.get(i) ?? null),
            todo.map(({ t }) => t.tsvector),
          ],
        );
        const bands = todo.flatMap(({ e, t }) => t.bands.map((key) => ({ key, simhash: t.simhash, id: e.payload.story.id })));
        await client.query(`INSERT INTO floor_bands (band_key, simhash, story_id) SELECT * FROM unnest($1::int[], $2::bigint[], $3::uuid[])`, [
          bands.map((b) => b.key),
          bands.map((b) => b.simhash),
          bands.map((b) => b.id),
        ]);
        const pooledAt = new Date().toISOString();
        const outbox = todo.map(({ e, t }) => {
          const hub = e.hub;
          const envelope = {
            id: pooledEventIdOf(e.id),
            type: STORY_POOLED,
            sender: hub,
            occurredAt: pooledAt,
            payload: { story: { ...e.payload.story, body: t.body }, hubCode: hub, pooledBy: 'auto-accept', pooledAt, tsvector: t.tsvector, simhash: t.simhash },
          };
          return { id: envelope.id, subject: pooledSubject(province, hub), data: JSON.stringify(envelope) };
        });
        await client.query(`INSERT INTO floor_outbox (event_id, subject, envelope) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])`, [
          outbox.map((o) => o.id),
          outbox.map((o) => o.subject),
          outbox.map((o) => o.data),
        ]);
        const acked = relay.takeAcked();
        if (acked.length > 0) await client.query(MARK_PUBLISHED_SQL, [acked]);
        await client.query('COMMIT');
        await relay.publish(outbox);
      } else {
        await client.query('COMMIT');
      }
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
      // FLOOR_TRACE=1: where a batch's time goes, to check the floor itself.
      if (process.env.FLOOR_TRACE)
        process.stderr.write(`floor hub batch ${events.length}: text ${textMs.toFixed(0)} ms, database ${(performance.now() - t1).toFixed(0)} ms\n`);
    }
  };
  process.stdout.write('floor hub ready\n');
  await consumeInBatches(
    nc,
    { stream: FLOOR_STREAM, durable: FLOOR_HUB_DURABLE, filter: SUBMITTED_FILTER, batchSize: Number(process.env.FLOOR_BATCH ?? 256) },
    { prepare, apply },
    fail,
  );
}

/** story.pooled's id from story.submitted's: the f2… submitted id becomes f3… (floor-wire.ts). */
const pooledEventIdOf = (submittedId: string) => `f3${submittedId.slice(2)}`;

main().catch((e) => {
  process.stderr.write(`floor hub failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
