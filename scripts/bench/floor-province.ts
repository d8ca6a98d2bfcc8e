// The event classes carry class-transformer decorators, which read reflect metadata when the catalog loads.
import 'reflect-metadata';
import { connect } from '@nats-io/transport-node';
import type { JsMsg } from '@nats-io/jetstream';
import type { EventEnvelope, StorySnapshot } from '@syn/contracts';
import { floorPool } from './floor-database';
import { consumeInBatches } from './floor-batch-consumer';
import { FLOOR_PROVINCE_DURABLE, FLOOR_STREAM, POOLED_FILTER, PROVINCE_DDL } from './floor-wire';

const env = (k: string) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is required`);
  return v;
};

interface FloorPooled {
  story: StorySnapshot;
  hubCode: string;
  pooledAt: string;
  tsvector: string;
  simhash: string;
}

/**
 * The floor's province, as its own process: takes story.pooled in batches and, in one transaction
 * per batch, records the event ids in its inbox and inserts the index rows with the tsvector the hub
 * built (GIN), set-based. No segmenting, no sanitising: the hub did that once.
 */
async function main() {
  const pool = floorPool(env('FLOOR_DATABASE_URL'));
  for (const ddl of PROVINCE_DDL) await pool.query(ddl);
  const nc = await connect({ servers: env('FLOOR_NATS_URL'), name: 'floor-province', noAsyncTraces: true });
  const prepare = (batch: JsMsg[]) => batch.map((m) => JSON.parse(m.string()) as EventEnvelope<FloorPooled>);
  const apply = async (events: EventEnvelope<FloorPooled>[]) => {
    const p = events.map((e) => e.payload);
    await pool.query(
      `WITH fresh AS (INSERT INTO floor_inbox (event_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id)
       INSERT INTO floor_index (story_id, hub_code, origin_code, version, title, category, simhash, lexemes, pooled_at)
       SELECT id, hub, origin, version, title, category, simhash, lexemes, pooled_at
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[], $8::bigint[], $9::tsvector[], $10::timestamptz[])
         AS u(event_id, id, hub, origin, version, title, category, simhash, lexemes, pooled_at)
       WHERE u.event_id IN (SELECT event_id FROM fresh)
       ON CONFLICT (story_id) DO NOTHING`,
      [
        events.map((e) => e.id),
        p.map((x) => x.story.id),
        p.map((x) => x.hubCode),
        p.map((x) => x.story.originCode),
        p.map((x) => x.story.version),
        p.map((x) => x.story.title),
        p.map((x) => x.story.category ?? null),
        p.map((x) => x.simhash),
        p.map((x) => x.tsvector),
        p.map((x) => x.pooledAt),
      ],
    );
  };
  process.stdout.write('floor province ready\n');
  await consumeInBatches(
    nc,
    { stream: FLOOR_STREAM, durable: FLOOR_PROVINCE_DURABLE, filter: POOLED_FILTER, batchSize: Number(process.env.FLOOR_BATCH ?? 256) },
    { prepare, apply },
    (e) => process.stderr.write(`floor province: ${e.message}\n`),
  );
}

main().catch((e) => {
  process.stderr.write(`floor province failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
