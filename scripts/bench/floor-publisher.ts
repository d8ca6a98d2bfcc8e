// The event classes carry class-transformer decorators, which read reflect metadata when the catalog loads.
import 'reflect-metadata';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { floorPool } from './floor-database';
import { submittedEnvelope } from './bare-payloads';
import { FloorOutboxRelay, MARK_PUBLISHED_SQL } from './floor-outbox-relay';
import { COUNTY_DDL, FLOOR_CONTROL, floorEventId, floorStoryId, submittedSubject, type PublishOrder } from './floor-wire';
import { loadParagraphs } from './story-payloads';

const env = (k: string) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is required`);
  return v;
};

const BATCH = 256;

/**
 * The floor's counties, as one process: on an order (a core NATS request) it submits stories
 * first…first+count-1 the way a county does, open loop at the ordered rate (0: as fast as it can):
 * whatever is due is committed in one transaction (story rows in state submitted, and their
 * story.submitted outbox rows), then published with the event id as Nats-Msg-Id. It answers the
 * order once JetStream has acknowledged every story.
 */
async function main() {
  const { paragraphs } = loadParagraphs();
  // [county, hub] pairs: the bench's topology, so the floor's subjects and bodies are the network's.
  const routes = JSON.parse(env('FLOOR_ROUTES')) as Array<[string, string]>;
  const pool = floorPool(env('FLOOR_DATABASE_URL'));
  for (const ddl of COUNTY_DDL) await pool.query(ddl);
  const nc = await connect({ servers: env('FLOOR_NATS_URL'), name: 'floor-publisher', noAsyncTraces: true });
  const relay = new FloorOutboxRelay(jetstream(nc), (e) => process.stderr.write(`floor publisher: ${e.message}\n`));

  const submit = async (serials: number[]) => {
    const rows = serials.map((n) => {
      const [county, hub] = routes[n % routes.length];
      const envelope = submittedEnvelope(paragraphs, n, county);
      envelope.id = floorEventId(n);
      envelope.payload.story.id = floorStoryId(n);
      return { county, hub, envelope, id: envelope.id, subject: submittedSubject(hub, county), data: JSON.stringify(envelope) };
    });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const s = rows.map((r) => r.envelope.payload.story);
      await client.query(
        `INSERT INTO floor_stories (id, center_code, version, status, title, body, content_hash, submitted_to, submitted_at)
         SELECT id, center, 1, 'submitted', title, body, hash, hub, now() FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS u(id, center, title, body, hash, hub)
         ON CONFLICT (id) DO NOTHING`,
        [s.map((x) => x.id), rows.map((r) => r.county), s.map((x) => x.title), s.map((x) => x.body), s.map((x) => x.contentHash), rows.map((r) => r.hub)],
      );
      await client.query(
        `INSERT INTO floor_outbox (event_id, subject, envelope) SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`,
        [rows.map((r) => r.id), rows.map((r) => r.subject), rows.map((r) => r.data)],
      );
      const acked = relay.takeAcked();
      if (acked.length > 0) await client.query(MARK_PUBLISHED_SQL, [acked]);
      await client.query('COMMIT');
    } catch (e) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      client.release();
    }
    await relay.publish(rows);
  };

  const run = async ({ first, count, rate }: PublishOrder) => {
    const start = performance.now();
    let sent = 0;
    while (sent < count) {
      const due = rate > 0 ? Math.min(count, Math.floor(((performance.now() - start) * rate) / 1000) + 1) : count;
      if (due <= sent) {
        await new Promise((r) => setTimeout(r, Math.max(0, start + (sent * 1000) / rate - performance.now())));
        continue;
      }
      const n = Math.min(due - sent, BATCH);
      await submit(Array.from({ length: n }, (_, i) => first + sent + i));
      sent += n;
    }
    await relay.drain();
    return { published: count, seconds: (performance.now() - start) / 1000 };
  };

  nc.subscribe(FLOOR_CONTROL, {
    callback: (err, msg) => {
      if (err) return;
      run(msg.json<PublishOrder>()).then(
        (r) => msg.respond(JSON.stringify(r)),
        (e: Error) => msg.respond(JSON.stringify({ error: e.message })),
      );
    },
  });
  await nc.flush();
  process.stdout.write('floor publisher ready\n');
}

main().catch((e) => {
  process.stderr.write(`floor publisher failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
