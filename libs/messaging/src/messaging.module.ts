import { Global, Module, OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AppEnv } from '@syn/config';
import { MetricsRegistry, ReadinessRegistry } from '@syn/observability';
import { DataSource } from 'typeorm';
import { PersistencePart } from '@syn/persistence';
import { ConsumerSupervisor } from './consumer/consumer.supervisor';
import { EventApplier } from './consumer/event-applier';
import { SharedApplyQueue } from './consumer/shared-apply.queue';
import { EventHandlerRegistry } from './consumer/event-handler.registry';
import { DeadLetterEntity } from './dead-letters/dead-letter.entity';
import { DeadLetterReplayer } from './dead-letters/dead-letter.replayer';
import { DeadLetterRepository } from './dead-letters/dead-letter.repository';
import { DeadLettersController } from './dead-letters/dead-letters.controller';
import { InboxEntity } from './inbox/inbox.entity';
import { JetStreamConnection } from './jetstream/jetstream.connection';
import { MessagingTables1764100000000 } from './migrations/1764100000000-messaging-tables';
import { RelayDeliveries1764100500000 } from './migrations/1764100500000-relay-deliveries';
import { OneDeliveryLedger1764101510000 } from './migrations/1764101510000-one-delivery-ledger';
import { OutboxRequestId1764101500100 } from './migrations/1764101500100-outbox-request-id';
import { OutboxEntity } from './outbox/outbox.entity';
import { OutboxCommitSignal } from './outbox/outbox-commit.signal';
import { OutboxJanitor } from './outbox/outbox.janitor';
import { OutboxRelay } from './outbox/outbox.relay';
import { OutboxWriter } from './outbox/outbox.writer';
import { DeliveryLedger } from './transport/delivery-ledger';
import { DeliveryLedgerEntry } from './transport/delivery-ledger.entity';
import { TreeTransport } from './transport/tree-transport';

/**
 * The delivery ledger's table was first made by the delivery lib's migration (and relayed items
 * had a table of their own): every center app runs both parts, and migrations run by timestamp.
 */
export const messagingPersistence: PersistencePart = {
  entities: [OutboxEntity, InboxEntity, DeadLetterEntity, DeliveryLedgerEntry],
  migrations: [MessagingTables1764100000000, RelayDeliveries1764100500000, OutboxRequestId1764101500100, OneDeliveryLedger1764101510000],
};

@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [DeadLettersController],
  providers: [
    {
      provide: JetStreamConnection,
      inject: [AppEnv],
      useFactory: async (env: AppEnv) => {
        const c = new JetStreamConnection(env);
        await c.open();
        return c;
      },
    },
    OutboxCommitSignal,
    OutboxWriter,
    OutboxRelay,
    OutboxJanitor,
    DeliveryLedger,
    TreeTransport,
    EventHandlerRegistry,
    EventApplier,
    SharedApplyQueue,
    DeadLetterRepository,
    DeadLetterReplayer,
    ConsumerSupervisor,
  ],
  exports: [JetStreamConnection, OutboxWriter, OutboxRelay, DeliveryLedger, TreeTransport, EventHandlerRegistry, DeadLetterRepository],
})
export class MessagingModule implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly nats: JetStreamConnection,
    private readonly metrics: MetricsRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit() {
    this.readiness.register({ name: 'nats', check: () => this.nats.ping() });
    // Parked and not yet replayed: the number a poisoned-stream runbook starts from and must bring to zero.
    this.metrics.gauge(
      'syn_dead_letters_pending',
      'Dead letters not yet replayed, per consumer',
      async () => {
        const rows: Array<{ consumer: string; n: number }> = await this.dataSource.query(
          `SELECT consumer, count(*)::int AS n FROM dead_letters WHERE replayed_at IS NULL GROUP BY consumer`,
        );
        return rows.map((r) => [{ consumer: r.consumer }, r.n]);
      },
      ['consumer'],
    );
  }
}
