import { DynamicModule, Module } from '@nestjs/common';
import { AuthModule } from '@syn/auth';
import { DeliveryModule, deliveryPersistence } from '@syn/delivery';
import { ConfigModule } from '@syn/config';
import { MessagingModule, messagingPersistence } from '@syn/messaging';
import { NetworkModule } from '@syn/network';
import { ObservabilityModule } from '@syn/observability';
import { PersistenceModule, PersistencePart } from '@syn/persistence';

/**
 * The platform every center app stands on: validated env, the center tree, its own database,
 * JetStream with outbox/inbox, desk auth, health and metrics. Apps add only their features.
 */
@Module({})
export class CenterAppModule {
  static forRoot(parts: PersistencePart[]): DynamicModule {
    return {
      module: CenterAppModule,
      global: true,
      imports: [
        ConfigModule.forRoot(),
        ObservabilityModule,
        NetworkModule.forRoot(),
        PersistenceModule.forRoot({ parts: [messagingPersistence, deliveryPersistence, ...parts] }),
        MessagingModule,
        DeliveryModule,
        AuthModule,
      ],
      exports: [ConfigModule, NetworkModule, PersistenceModule, MessagingModule, DeliveryModule, AuthModule, ObservabilityModule],
    };
  }
}
