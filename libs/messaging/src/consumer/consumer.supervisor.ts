import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { STREAM_NAME } from '@syn/contracts';
import { CenterDirectory, HostedCenters } from '@syn/network';
import { MetricsRegistry } from '@syn/observability';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository';
import { JetStreamConnection } from '../jetstream/jetstream.connection';
import { CenterConsumer } from './center-consumer';
import { EventApplier } from './event-applier';
import { SharedApplyQueue } from './shared-apply.queue';
import { EventHandlerRegistry } from './event-handler.registry';

/** Starts a durable consumer for every hosted center and every direction the app has handlers for. */
@Injectable()
export class ConsumerSupervisor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ConsumerSupervisor');
  private readonly consumers: CenterConsumer[] = [];
  private readonly lagLabels = new Map<CenterConsumer, { consumer: string; center: string; direction: string }>();
  private stopping = false;
  private readonly retries = new Set<NodeJS.Timeout>();

  constructor(
    private readonly nats: JetStreamConnection,
    private readonly registry: EventHandlerRegistry,
    private readonly applier: EventApplier,
    private readonly shared: SharedApplyQueue,
    private readonly deadLetters: DeadLetterRepository,
    private readonly metrics: MetricsRegistry,
    private readonly hosted: HostedCenters,
    private readonly env: AppEnv,
    private readonly directory: CenterDirectory,
  ) {}

  async onApplicationBootstrap() {
    // The consumer lag per center, from JetStream's own view of each durable: what a county that was
    // offline still has to catch up on, or what a hub has not yet applied.
    this.metrics.gauge(
      'syn_consumer_pending',
      'Messages for a center not yet acknowledged by its consumer (undelivered plus in flight)',
      () =>
        Promise.all(
          [...this.lagLabels].map(async ([c, labels]): Promise<[Record<string, string>, number]> => {
            const info = await this.nats.manager.consumers.info(STREAM_NAME, c.name);
            return [labels, info.num_pending + info.num_ack_pending];
          }),
        ),
      ['consumer', 'center', 'direction'],
    );
    for (const center of this.hosted.list()) {
      for (const direction of this.registry.directions()) {
        const c = new CenterConsumer(this.nats, this.registry, this.applier, this.shared, this.deadLetters, this.metrics, {
          center,
          direction,
          batchSize: this.env.CONSUMER_BATCH_SIZE,
          // Poison is parked at once; this bound is for failures that might pass (a database away):
          // with back-off capped at 30 s, 60 deliveries wait out about half an hour before parking.
          maxDeliveries: 60,
          senders: this.directory.sendersTo(center, direction),
          replicas: this.env.NATS_STREAM_REPLICAS,
        });
        this.consumers.push(c);
        this.lagLabels.set(c, { consumer: c.name, center, direction });
        await this.startOrRetry(c);
      }
    }
    this.logger.log({ msg: 'consumers started', consumers: this.consumers.map((c) => c.name) });
  }

  /**
   * A consumer that cannot start now (a county's leaf link is down, the cluster has no leader yet)
   * is started again every 2 s in the background, so the app serves its desk meanwhile.
   */
  private async startOrRetry(c: CenterConsumer): Promise<void> {
    try {
      await c.start();
      if (this.stopping) await c.stop();
    } catch (e) {
      if (this.stopping) return;
      this.logger.warn({ msg: 'consumer could not start; retrying', consumer: c.name, err: (e as Error).message });
      const t = setTimeout(() => {
        this.retries.delete(t);
        void this.startOrRetry(c);
      }, 2000);
      this.retries.add(t);
    }
  }

  async onApplicationShutdown() {
    this.stopping = true;
    for (const t of this.retries) clearTimeout(t);
    await Promise.all(this.consumers.map((c) => c.stop()));
  }
}
