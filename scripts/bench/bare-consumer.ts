import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, JsMsg } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Pool } from 'pg';

/**
 * The floor of this stack, as its own process (like an app): a durable pull consumer that takes
 * what the broker has in batches, writes each batch with one idempotent multi-row INSERT (one
 * transaction, fsync'd commit) and acks. No validation, no framework, no inbox of its own: the
 * primary key is the dedupe. Started with BARE_* variables by bare-baseline.ts.
 */
const env = (k: string) => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is required`);
  return v;
};

async function main() {
  const batchSize = Number(process.env.BARE_BATCH ?? 256);
  const stream = env('BARE_STREAM');
  const durable = env('BARE_DURABLE');
  const pool = new Pool({ connectionString: env('BARE_DATABASE_URL'), max: 2 });
  await pool.query(
    `CREATE TABLE IF NOT EXISTS bare_inbox (event_id uuid PRIMARY KEY, subject text NOT NULL, payload jsonb NOT NULL, received_at timestamptz NOT NULL DEFAULT now())`,
  );
  const nc = await connect({ servers: env('BARE_NATS_URL'), name: 'bare-consumer' });
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_ack_pending: 4 * batchSize,
  });
  const consumer = await jetstream(nc).consumers.get(stream, durable);
  const messages = await consumer.consume({ max_messages: batchSize * 2 });

  let queue: JsMsg[] = [];
  let wake: () => void = () => undefined;
  void (async () => {
    for await (const m of messages) {
      queue.push(m);
      wake();
    }
  })();
  const insert = async (batch: JsMsg[]) => {
    const ids = batch.map((m) => m.headers?.get('Nats-Msg-Id') ?? '');
    await pool.query(
      `INSERT INTO bare_inbox (event_id, subject, payload)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::jsonb[]) ON CONFLICT (event_id) DO NOTHING`,
      [ids, batch.map((m) => m.subject), batch.map((m) => m.string())],
    );
    for (const m of batch) m.ack();
  };
  process.stdout.write('bare consumer ready\n');
  for (;;) {
    if (queue.length === 0) {
      await new Promise<void>((r) => (wake = r));
      continue;
    }
    const batch = queue.splice(0, batchSize);
    if (queue.length === 0) queue = [];
    await insert(batch).catch((e) => process.stderr.write(`bare batch failed, left to redelivery: ${(e as Error).message}\n`));
  }
}

main().catch((e) => {
  process.stderr.write(`bare consumer failed: ${(e as Error).stack ?? e}\n`);
  process.exit(1);
});
