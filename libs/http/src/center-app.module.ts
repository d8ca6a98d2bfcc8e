import { DynamicModule, Module } from '@nestjs/common';
import { AccountsModule, accountsPersistence } from '@syn/accounts';
import { AuditModule, auditPersistence } from '@syn/audit';
import { AuthModule } from '@syn/auth';
import { DeliveryModule, deliveryPersistence } from '@syn/delivery';
import { ConfigModule } from '@syn/config';
import { GrpcClientsModule } from '@syn/grpc';
import { LiveFeedModule, liveFeedPersistence } from '@syn/live-feed';
import { MediaModule, mediaPersistence } from '@syn/media';
import { MessagingModule, messagingPersistence } from '@syn/messaging';
import { NetworkModule } from '@syn/network';
import { ObservabilityModule } from '@syn/observability';
import { PersistenceModule, PersistencePart } from '@syn/persistence';
import { DeskCentersController } from './desk/desk-centers.controller';
import { DeskStaticModule } from './desk/desk-static.module';

/**
 * The platform every center app stands on: validated env, the center tree, its own database,
 * JetStream with outbox/inbox, desk auth, health and metrics, the desk's live feed. Apps add only their features.
 */
@Module({})
export class CenterAppModule {
  static forRoot(parts: PersistencePart[]): DynamicModule {
    return {
      module: CenterAppModule,
      global: true,
      controllers: [DeskCentersController],
      imports: [
        ConfigModule.forRoot(),
        ObservabilityModule,
        NetworkModule.forRoot(),
        PersistenceModule.forRoot({
          parts: [messagingPersistence, accountsPersistence, auditPersistence, deliveryPersistence, liveFeedPersistence, mediaPersistence, ...parts],
        }),
        MessagingModule,
        DeliveryModule,
        AuthModule,
        AccountsModule,
        AuditModule,
        GrpcClientsModule,
        DeskStaticModule,
        LiveFeedModule,
        MediaModule,
      ],
      exports: [ConfigModule, NetworkModule, PersistenceModule, MessagingModule, AuthModule, ObservabilityModule, AuditModule],
    };
  }
}
