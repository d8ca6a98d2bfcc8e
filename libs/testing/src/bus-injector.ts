import { jetstream, JetStreamClient, JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

const STREAM = 'SYN';

/**
 * Talks to the bus behind the apps' backs, for tests that must forge, repeat, reorder or lose
 * events: publish raw bytes on any subject, find and delete stored messages.
 */
export class BusInjector {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
  ) {}

  static async connect(url: string): Promise<BusInjector> {
    const nc = await connect({ servers: url.split(','), maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    return new BusInjector(nc, jetstream(nc, { timeout: 10_000 }), await jetstreamManager(nc, { timeout: 10_000 }));
  }

  /** An envelope as apps write it, with a fresh id unless one is given. */
  static envelope(type: string, sender: string, payload: unknown, id: string = uuidv7()) {
    return { id, type, sender, occurredAt: new Date().toISOString(), payload };
  }

  /**
   * Publishes into the stream. A random Nats-Msg-Id defeats the broker's duplicate window, so
   * the receivers' own idempotence is what gets tested.
   */
  async publish(subject: string, data: string | Uint8Array | object, msgID: string = randomUUID()): Promise<number> {
    const bytes = typeof data === 'string' || data instanceof Uint8Array ? data : JSON.stringify(data);
    const ack = await this.js.publish(subject, bytes, { msgID, timeout: 10_000 });
    return ack.seq;
  }

  /** The newest stored message on a subject, or null. */
  async last(subject: string): Promise<{ seq: number; subject: string; data: Uint8Array } | null> {
    try {
      const m = await this.jsm.streams.getMessage(STREAM, { last_by_subj: subject });
      return m ? { seq: m.seq, subject: m.subject, data: m.data } : null;
    } catch {
      return null;
    }
  }

  /** The stream's newest sequence number: messages stored after this call have a larger one. */
  async lastSeq(): Promise<number> {
    return (await this.jsm.streams.info(STREAM)).state.last_seq;
  }

  /** Removes a stored message: to the consumers it is as if the broker had lost it. */
  async delete(seq: number): Promise<boolean> {
    return this.jsm.streams.deleteMessage(STREAM, seq, false);
  }

  async close(): Promise<void> {
    await this.nc.drain().catch(() => undefined);
  }
}
