import { Global, Module, OnModuleInit } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { ReadinessRegistry } from '@syn/observability';
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
import { OutboxEntity } from './outbox/outbox.entity';
import { OutboxCommitSignal } from './outbox/outbox-commit.signal';
import { OutboxJanitor } from './outbox/outbox.janitor';
import { OutboxRelay } from './outbox/outbox.relay';
import { OutboxWriter } from './outbox/outbox.writer';

export const messagingPersistence: PersistencePart = {
  entities: [OutboxEntity, InboxEntity, DeadLetterEntity],
  migrations: [MessagingTables1764100000000],
};

@Global()
@Module({
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
    EventHandlerRegistry,
    EventApplier,
    SharedApplyQueue,
    DeadLetterRepository,
    DeadLetterReplayer,
    ConsumerSupervisor,
  ],
  exports: [JetStreamConnection, OutboxWriter, OutboxRelay, EventHandlerRegistry, DeadLetterRepository],
})
export class MessagingModule implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly nats: JetStreamConnection,
  ) {}

  onModuleInit() {
    this.readiness.register({ name: 'nats', check: () => this.nats.ping() });
  }
}
