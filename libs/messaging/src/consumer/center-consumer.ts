import { Logger } from '@nestjs/common';
import { ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { Direction, STREAM_NAME } from '@syn/contracts';
import type { Histogram } from 'prom-client';
import { carriedRequestId, MetricsRegistry, REQUEST_ID_HEADER, runWithRequestId } from '@syn/observability';
import { JetStreamConnection } from '../jetstream/jetstream.connection';
import { centerConsumerConfig, consumerFilter, consumerName } from '../jetstream/syn-stream.config';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository';
import { Decoded, decodeMessage } from './event-decoder';
import { EventApplier } from './event-applier';
import { SharedApplyQueue } from './shared-apply.queue';
import { EventHandlerRegistry } from './event-handler.registry';
import { PoisonMessageError } from './poison-message.error';

export interface CenterConsumerOptions {
  center: string;
  direction: Direction;
  batchSize: number;
  /** After this many failed deliveries a message is parked instead of retried again. */
  maxDeliveries: number;
  /** The only centers that may send to this consumer: the parent (down) or the children (up). */
  senders?: ReadonlySet<string>;
  /** JetStream replicas of the durable when this process creates it (NATS_STREAM_REPLICAS). */
  replicas?: number;
}

export { consumerName };

/**
 * How long one pull waits on the server. The client takes the server's heartbeats (every half of
 * it) for a live pull and pulls again after two are missed: when the node leading a consumer dies
 * in a cluster, its pulls die with it, and with the default 30 s the consumer stalled for half a
 * minute. 5 s costs one request per consumer per 5 s on an idle bus.
 */
const PULL_EXPIRES_MS = 5000;

/**
 * One durable pull consumer per hosted center and direction. Messages are applied in batches
 * (one transaction per batch) for throughput; when a batch fails, its messages are retried one
 * by one so that a single poison message is parked and the rest go through.
 */
export class CenterConsumer {
  private readonly logger = new Logger('CenterConsumer');
  readonly name: string;
  private readonly filter: string;
  private messages?: ConsumerMessages;
  private queue: JsMsg[] = [];
  private notify: () => void = () => undefined;
  private stopped = false;
  private worker?: Promise<void>;
  private pump?: Promise<void>;
  private readonly applySeconds: Histogram;
  private readonly batchSize: Histogram;
  private readonly eventAge: Histogram;

  constructor(
    private readonly nats: JetStreamConnection,
    private readonly registry: EventHandlerRegistry,
    private readonly applier: EventApplier,
    private readonly shared: SharedApplyQueue,
    private readonly deadLetters: DeadLetterRepository,
    private readonly metrics: MetricsRegistry,
    private readonly options: CenterConsumerOptions,
  ) {
    this.name = consumerName(options.center, options.direction);
    this.filter = consumerFilter(options.center, options.direction);
    this.applySeconds = metrics.histogram('syn_consumer_batch_apply_seconds', 'Time to apply one consumer batch (one transaction)', ['consumer']);
    this.batchSize = metrics.histogram('syn_consumer_batch_size', 'Messages in one applied consumer batch', ['consumer'], [1, 2, 5, 10, 25, 50, 100, 250, 500]);
    // From the broker storing an event to its batch committed here: with the relay lag of the sender, one hop's latency.
    this.eventAge = metrics.histogram(
      'syn_consumer_event_age_seconds',
      'From an event stored by JetStream to its batch applied (committed) by this consumer',
      ['consumer'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300],
    );
  }

  async start(): Promise<void> {
    await this.ensureDurable();
    const consumer = await this.nats.client.consumers.get(STREAM_NAME, this.name);
    this.messages = await consumer.consume({ max_messages: this.options.batchSize * 2, expires: PULL_EXPIRES_MS });
    this.pump = (async () => {
      for await (const m of this.messages!) {
        this.queue.push(m);
        this.notify();
      }
    })().catch((e) => this.logger.error({ msg: 'consumer stopped', consumer: this.name, err: (e as Error).message }));
    this.worker = this.work();
  }

  /** Stops pulling, finishes the batch in hand, and hands unprocessed messages back for redelivery. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    await this.messages?.close().catch(() => undefined);
    await this.worker;
    // Without a nak they would wait out ack_wait before another instance got them.
    for (const m of this.queue.splice(0)) {
      try {
        m.nak();
      } catch {
        // The connection is already drained: ack_wait will bring the message back instead.
      }
    }
  }

  private async ensureDurable() {
    const config = centerConsumerConfig(this.options.center, this.options.direction, this.options.batchSize, this.options.replicas);
    try {
      const info = await this.nats.manager.consumers.info(STREAM_NAME, this.name);
      if (info.config.filter_subject !== this.filter) {
        await this.nats.manager.consumers.update(STREAM_NAME, this.name, { filter_subject: this.filter });
      }
    } catch {
      await this.nats.manager.consumers.add(STREAM_NAME, config);
    }
  }

  private async work(): Promise<void> {
    while (!this.stopped) {
      if (this.queue.length === 0) {
        await new Promise<void>((resolve) => (this.notify = resolve));
        continue;
      }
      const batch = this.queue.splice(0, this.options.batchSize);
      await this.process(batch).catch((e) =>
        this.logger.error({ msg: 'batch failed; messages will be redelivered', consumer: this.name, err: (e as Error).message }),
      );
    }
  }

  private async process(batch: JsMsg[]): Promise<void> {
    const decoded: Array<{ msg: JsMsg; d: Decoded[] }> = [];
    for (const msg of batch) {
      try {
        decoded.push({
          msg,
          d: await decodeMessage(
            this.registry,
            { direction: this.options.direction, recipient: this.options.center, senders: this.options.senders },
            msg.subject,
            msg.data,
          ),
        });
      } catch (e) {
        await runWithRequestId(requestIdOf(msg), () => this.park(msg, (e as Error).message));
      }
    }
    if (decoded.length === 0) return;
    const ids = [...new Set(decoded.map((x) => requestIdOf(x.msg)).filter((id): id is string => !!id))];
    // A batch from one request (the usual case on a quiet network) runs and logs under its id; a mixed one lists them.
    const requestId = ids.length === 1 ? ids[0] : undefined;
    const started = process.hrtime.bigint();
    try {
      // With the other consumers' batches of this process, in one transaction.
      await this.shared.apply(this.name, inApplyOrder(decoded.map((x) => x.d)), requestId);
      for (const x of decoded) x.msg.ack();
      const now = Date.now();
      for (const x of decoded) this.eventAge.observe({ consumer: this.name }, Math.max(0, now - Number(x.msg.info.timestampNanos) / 1e6) / 1000);
      this.metrics.increment('syn_events_applied_total', 'Events applied by consumers', { consumer: this.name }, decoded.length);
      this.applySeconds.observe({ consumer: this.name }, Number(process.hrtime.bigint() - started) / 1e9);
      this.batchSize.observe({ consumer: this.name }, decoded.length);
      runWithRequestId(requestId, () =>
        this.logger.debug({
          msg: 'events applied',
          consumer: this.name,
          events: decoded.map((x) => x.d[0].event.envelope.id),
          requestIds: ids.length > 1 ? ids : undefined,
        }),
      );
    } catch {
      // Isolate the culprit: apply one by one.
      for (const x of decoded) await runWithRequestId(requestIdOf(x.msg), () => this.processOne(x.msg, x.d));
    }
  }

  private async processOne(msg: JsMsg, d: Decoded[]): Promise<void> {
    try {
      await this.applier.applyAll(this.name, d);
      msg.ack();
    } catch (e) {
      const err = e as Error;
      if (err instanceof PoisonMessageError) return this.park(msg, err.message);
      const deliveries = msg.info.deliveryCount;
      if (deliveries >= this.options.maxDeliveries) {
        return this.park(msg, `gave up after ${deliveries} deliveries: ${err.message}`);
      }
      const delay = Math.min(30_000, 500 * 2 ** Math.min(deliveries, 6));
      this.logger.warn({
        msg: 'event failed; will retry',
        consumer: this.name,
        eventId: d[0].event.envelope.id,
        type: d[0].event.route.type,
        deliveries,
        retryInMs: delay,
        err: err.message,
      });
      msg.nak(delay);
    }
  }

  private async park(msg: JsMsg, reason: string): Promise<void> {
    try {
      await this.deadLetters.park({
        consumer: this.name,
        subject: msg.subject,
        streamSeq: msg.info.streamSequence,
        data: msg.data,
        reason,
        deliveryCount: msg.info.deliveryCount,
      });
      msg.ack();
      this.metrics.increment('syn_dead_letters_total', 'Messages parked in dead letters', { consumer: this.name });
      this.logger.warn({
        msg: 'message dead-lettered',
        consumer: this.name,
        center: this.options.center,
        subject: msg.subject,
        streamSeq: msg.info.streamSequence,
        reason,
      });
    } catch (e) {
      // The database is away: leave the message to redelivery rather than lose it.
      this.logger.error({ msg: 'could not park message; will be redelivered', consumer: this.name, err: (e as Error).message });
      msg.nak(2000);
    }
  }
}

/**
 * Every message's own event in arrival order, then the events that rode with them: a rider
 * follows its carrier, and same-type carriers stay together for their handler's batch.
 */
export function inApplyOrder(messages: Decoded[][]): Decoded[] {
  return [...messages.map((d) => d[0]), ...messages.flatMap((d) => d.slice(1))];
}

/** The request id the sender's outbox put on the message, if any and if sane. */
function requestIdOf(msg: JsMsg): string | undefined {
  return carriedRequestId(msg.headers?.get(REQUEST_ID_HEADER));
}
