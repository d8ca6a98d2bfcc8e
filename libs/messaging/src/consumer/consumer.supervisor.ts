import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { CenterDirectory, HostedCenters } from '@syn/network';
import { MetricsRegistry } from '@syn/observability';
import { DeadLetterRepository } from '../dead-letters/dead-letter.repository';
import { JetStreamConnection } from '../jetstream/jetstream.connection';
import { CenterConsumer } from './center-consumer';
import { EventApplier } from './event-applier';
import { SharedApplyQueue } from './shared-apply.queue';
import { EventHandlerRegistry } from './event-handler.registry';
import { expectedSenders } from './expected-senders';

/** Starts a durable consumer for every hosted center and every direction the app has handlers for. */
@Injectable()
export class ConsumerSupervisor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ConsumerSupervisor');
  private readonly consumers: CenterConsumer[] = [];

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
    for (const center of this.hosted.list()) {
      for (const direction of this.registry.directions()) {
        const c = new CenterConsumer(this.nats, this.registry, this.applier, this.shared, this.deadLetters, this.metrics, {
          center,
          direction,
          batchSize: this.env.CONSUMER_BATCH_SIZE,
          // Poison is parked at once; this bound is for failures that might pass (a database away):
          // with back-off capped at 30 s, 60 deliveries wait out about half an hour before parking.
          maxDeliveries: 60,
          senders: expectedSenders(this.directory, center, direction),
        });
        await c.start();
        this.consumers.push(c);
      }
    }
    this.logger.log({ msg: 'consumers started', consumers: this.consumers.map((c) => c.name) });
  }

  async onApplicationShutdown() {
    await Promise.all(this.consumers.map((c) => c.stop()));
  }
}
