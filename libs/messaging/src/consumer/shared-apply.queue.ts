import { Injectable } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { runWithRequestId } from '@syn/observability';
import type { Decoded } from './event-decoder';
import { EventApplier } from './event-applier';

interface Waiting {
  consumer: string;
  batch: Decoded[];
  requestId?: string;
  done: (e?: Error) => void;
}

/**
 * One transaction for the batches of every consumer of this process. A process hosting sixty
 * counties holds sixty durable consumers per direction (JetStream 2.9 has no consumer with several
 * filters, and each center's filter keeps it from reading what is not addressed to it); applied
 * apart, a decision for each county cost a transaction and an fsync'd commit of its own. Whatever
 * the consumers bring while the transactions in flight run is applied together in the next. A failed
 * transaction fails every batch in it, and each consumer then retries its own messages one by one,
 * which is how a poison message is still isolated.
 */
@Injectable()
export class SharedApplyQueue {
  /**
   * Two transactions at most: one gathers and applies while the other waits for its commit; more
   * would bring back a commit per consumer. A consumer hands over its next batch only when its last
   * one is done, so its own order holds either way.
   */
  static readonly CONCURRENT = 2;
  private readonly waiting: Waiting[] = [];
  private running = 0;
  private readonly maxEvents: number;

  constructor(
    private readonly applier: EventApplier,
    env: AppEnv,
  ) {
    this.maxEvents = Math.max(1, env.CONSUMER_BATCH_SIZE);
  }

  /** requestId: the one request all of the batch came from, if so; the events its handlers write then carry it on. */
  apply(consumer: string, batch: Decoded[], requestId?: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ consumer, batch, requestId, done: (e) => (e === undefined ? resolve() : reject(e)) });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.running >= SharedApplyQueue.CONCURRENT) return;
    this.running++;
    try {
      while (this.waiting.length > 0) {
        // Whole consumer batches, up to about one consumer batch's worth of events in all.
        let events = 0;
        let take = 0;
        while (take < this.waiting.length && (take === 0 || events + this.waiting[take].batch.length <= this.maxEvents))
          events += this.waiting[take++].batch.length;
        const group = this.waiting.splice(0, take);
        try {
          // Under the group's request id only when every batch in it shares one: never another consumer's.
          const ids = new Set(group.map((w) => w.requestId));
          await runWithRequestId(ids.size === 1 ? group[0].requestId : undefined, () => this.applier.applyMany(group));
          for (const w of group) w.done();
        } catch (e) {
          const err = e instanceof Error ? e : new Error(`shared apply failed: ${String(e)}`);
          for (const w of group) w.done(err);
        }
      }
    } finally {
      this.running--;
    }
  }
}
