import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { STREAM_NAME } from '@syn/contracts';
import { JetStreamClient, JetStreamManager, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { natsInboxPrefix } from '../permissions/bus-permissions';
import { synStreamConfig } from './syn-stream.config';

/**
 * Our one door to NATS. Nest's NATS transport speaks core NATS only; we need JetStream for
 * durability, so the client is used directly and the rest of the code sees this class.
 */
@Injectable()
export class JetStreamConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('JetStream');
  private nc?: NatsConnection;
  private jsClient?: JetStreamClient;
  private jsManager?: JetStreamManager;

  constructor(private readonly env: AppEnv) {}

  async open(): Promise<void> {
    if (this.nc) return;
    this.nc = await connect({
      servers: this.env.NATS_URL.split(','),
      name: `syn-${this.env.HOSTED_CENTERS.slice(0, 3).join('-')}`,
      user: this.env.NATS_USER,
      pass: this.env.NATS_PASSWORD,
      // Replies (publish acks, pulled messages) come to an inbox only this user may subscribe to.
      ...(this.env.NATS_USER ? { inboxPrefix: natsInboxPrefix(this.env.NATS_USER) } : {}),
      // Reconnect forever: a broker restart must never take an app down; the outbox holds what is unsent.
      maxReconnectAttempts: -1,
      reconnectTimeWait: 500,
    });
    this.jsClient = jetstream(this.nc, { timeout: 10_000 });
    this.jsManager = await jetstreamManager(this.nc, { timeout: 10_000 });
    void (async () => {
      for await (const s of this.nc!.status()) {
        if (s.type === 'disconnect' || s.type === 'reconnect' || s.type === 'error')
          this.logger.warn({ msg: `nats ${s.type}`, server: (s as { server?: string }).server });
      }
    })();
    await this.ensureStream();
  }

  /** Creates the stream when it is missing; an existing one keeps its settings (ops may have tuned them). */
  private async ensureStream(): Promise<void> {
    const jsm = this.manager;
    try {
      await jsm.streams.info(STREAM_NAME);
    } catch {
      try {
        await jsm.streams.add(synStreamConfig(this.env.NATS_STREAM_REPLICAS));
        this.logger.log({ msg: 'stream created', stream: STREAM_NAME });
      } catch (e) {
        // Another app may have created it between our info and add.
        await jsm.streams.info(STREAM_NAME).catch(() => {
          throw e;
        });
      }
    }
  }

  get connection(): NatsConnection {
    if (!this.nc) throw new Error('JetStream connection is not open');
    return this.nc;
  }
  get client(): JetStreamClient {
    if (!this.jsClient) throw new Error('JetStream connection is not open');
    return this.jsClient;
  }
  get manager(): JetStreamManager {
    if (!this.jsManager) throw new Error('JetStream connection is not open');
    return this.jsManager;
  }

  async ping(): Promise<void> {
    await this.connection.flush();
    await this.manager.getAccountInfo();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.nc || this.nc.isClosed()) return;
    // drain lets in-flight acks and publishes finish before the socket closes.
    await this.nc.drain().catch(() => undefined);
    this.logger.log('nats drained');
  }
}
