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
      // Otherwise every request (each publish awaiting its ack, each pull) builds an Error up front
      // for the stack it would carry on a timeout: in a hub, 1–2% of its CPU and garbage for every event.
      noAsyncTraces: true,
    });
    // Through a leaf node the province's JetStream is addressed by its domain.
    const domain = this.env.NATS_JS_DOMAIN ? { domain: this.env.NATS_JS_DOMAIN } : {};
    this.jsClient = jetstream(this.nc, { timeout: 10_000, ...domain });
    // Not checked here: behind a leaf node whose link is down the API does not answer, and the app must start anyway.
    this.jsManager = await jetstreamManager(this.nc, { timeout: 10_000, checkAPI: false, ...domain });
    void (async () => {
      for await (const s of this.nc!.status()) {
        if (s.type === 'disconnect' || s.type === 'reconnect' || s.type === 'error')
          this.logger.warn({ msg: `nats ${s.type}`, server: (s as { server?: string }).server });
      }
    })();
    try {
      await this.ensureStream();
    } catch (e) {
      if (!this.behindLeaf) throw e;
      // A county site keeps working while its line to the province is down: what it sends waits in its outbox.
      this.logger.warn({ msg: 'province JetStream unreachable through the leaf node; starting anyway', err: (e as Error).message });
    }
  }

  /** The app talks to a county site's leaf server, which reaches the province's JetStream by its domain. */
  private get behindLeaf(): boolean {
    return !!this.env.NATS_JS_DOMAIN;
  }

  /** Creates the stream when it is missing; an existing one keeps its settings (ops may have tuned them). */
  private async ensureStream(): Promise<void> {
    const jsm = this.manager;
    try {
      const info = await jsm.streams.info(STREAM_NAME);
      if (info.config.num_replicas !== this.env.NATS_STREAM_REPLICAS)
        // Said loudly, not fixed: changing a stream's replicas is an operator's decision (nats stream edit).
        this.logger.warn({
          msg: 'stream replicas differ from NATS_STREAM_REPLICAS',
          stream: STREAM_NAME,
          replicas: info.config.num_replicas,
          expected: this.env.NATS_STREAM_REPLICAS,
        });
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

  /**
   * Ready means the broker this app talks to answers. Behind a leaf node that is the county's own
   * server: the county desk must stay in service while the line to the province is down.
   */
  async ping(): Promise<void> {
    await this.connection.flush();
    if (!this.behindLeaf) await this.manager.getAccountInfo();
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.nc || this.nc.isClosed()) return;
    // drain lets in-flight acks and publishes finish before the socket closes.
    await this.nc.drain().catch(() => undefined);
    this.logger.log('nats drained');
  }
}
