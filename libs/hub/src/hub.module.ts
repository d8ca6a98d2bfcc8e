import { DynamicModule, Module, OnModuleInit, Provider } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { ReadinessRegistry } from '@syn/observability';
import { PersistencePart } from '@syn/persistence';
import { Socket } from 'node:net';
import { AutoAcceptPolicy } from './auto-accept/auto-accept.policy';
import { HubPool1764100200000 } from './migrations/1764100200000-hub-pool';
import { POOL_LISTENERS } from './pool/pool-listener';
import { PoolController } from './pool/pool.controller';
import { PoolService } from './pool/pool.service';
import { PoolStoryEntity } from './pool/pool-story.entity';
import { StoryPoolGrpcController } from './pool/story-pool.grpc-controller';
import { ReviewQueueController } from './review-queue/review-queue.controller';
import { ReviewQueueService } from './review-queue/review-queue.service';
import { StorySubmittedHandler } from './review-queue/story-submitted.handler';
import { SubmissionEntity } from './review-queue/submission.entity';

export const hubPersistence: PersistencePart = {
  entities: [SubmissionEntity, PoolStoryEntity],
  migrations: [HubPool1764100200000],
};

/** What a center with children does: review what they submit and keep the shared pool. */
@Module({})
export class HubModule implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly env: AppEnv,
  ) {}

  static forRoot(options: { listeners?: Provider[]; listenerTokens?: unknown[]; imports?: DynamicModule['imports'] } = {}): DynamicModule {
    return {
      module: HubModule,
      imports: options.imports ?? [],
      controllers: [ReviewQueueController, PoolController, StoryPoolGrpcController],
      providers: [
        ReviewQueueService,
        PoolService,
        StorySubmittedHandler,
        AutoAcceptPolicy,
        ...(options.listeners ?? []),
        { provide: POOL_LISTENERS, useFactory: (...l: unknown[]) => l, inject: (options.listenerTokens ?? []) as never[] },
      ],
      exports: [PoolService, ReviewQueueService],
    };
  }

  onModuleInit() {
    this.readiness.register({
      name: 'grpc',
      check: () =>
        new Promise<void>((resolve, reject) => {
          const s = new Socket();
          s.once('connect', () => (s.destroy(), resolve()));
          s.once('error', (e) => (s.destroy(), reject(new Error(`gRPC port ${this.env.GRPC_PORT}: ${e.message}`))));
          s.connect(this.env.GRPC_PORT, this.env.HTTP_HOST);
        }),
    });
  }
}
