import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager, JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';

/**
 * A batch's two stages: the CPU work in this process, then the database work (one transaction).
 * A long prepare should yield now and then (setImmediate), or the previous batch's statements wait
 * for it between their round trips and nothing overlaps.
 */
export interface BatchStages<P> {
  prepare(batch: JsMsg[]): P | Promise<P>;
  apply(prepared: P): Promise<void>;
}

/**
 * A durable pull consumer that takes whatever the broker has, up to `batchSize` messages at a
 * time, and acks a batch once its `apply` has committed. Batches are applied one after the other,
 * in order, and the next batch is prepared while the database works on the one before, so the
 * process's CPU work and the server's overlap as a well-built consumer's would. A batch that fails
 * is left unacked and comes back by redelivery (the inbox makes that harmless).
 */
export async function consumeInBatches<P>(
  nc: NatsConnection,
  opts: { stream: string; durable: string; filter: string; batchSize: number },
  stages: BatchStages<P>,
  onError: (e: Error) => void,
): Promise<void> {
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(opts.stream, {
    durable_name: opts.durable,
    filter_subject: opts.filter,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    max_ack_pending: 4 * opts.batchSize,
    ack_wait: 60 * 1e9,
  });
  const consumer = await jetstream(nc).consumers.get(opts.stream, opts.durable);
  const messages = await consumer.consume({ max_messages: opts.batchSize * 2 });
  let queue: JsMsg[] = [];
  let wake: () => void = () => undefined;
  let applying: Promise<void> = Promise.resolve();
  void (async () => {
    for await (const m of messages) {
      queue.push(m);
      wake();
    }
  })();
  for (;;) {
    if (queue.length === 0) {
      await new Promise<void>((r) => (wake = r));
      continue;
    }
    const batch = queue.splice(0, opts.batchSize);
    if (queue.length === 0) queue = [];
    let prepared: P;
    try {
      prepared = await stages.prepare(batch);
    } catch (e) {
      onError(e as Error);
      continue;
    }
    await applying;
    applying = stages.apply(prepared).then(
      () => batch.forEach((m) => m.ack()),
      (e: Error) => onError(e),
    );
  }
}
