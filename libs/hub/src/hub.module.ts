import { DynamicModule, Module, OnModuleInit, Provider } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { ReadinessRegistry } from '@syn/observability';
import { PersistencePart } from '@syn/persistence';
import { Socket } from 'node:net';
import { HubAuditController } from './audit/hub-audit.controller';
import { AutoAcceptPolicy } from './auto-accept/auto-accept.policy';
import { ClaimService } from './claims/claim.service';
import { ClaimsController } from './claims/claims.controller';
import { CurationController } from './curation/curation.controller';
import { CurationService } from './curation/curation.service';
import { PoolStoryEditEntity } from './curation/pool-story-edit.entity';
import { HubPool1764100200000 } from './migrations/1764100200000-hub-pool';
import { HubWorkflow1764100310200 } from './migrations/1764100310200-hub-workflow';
import { PoolSearch1764100700100 } from './migrations/1764100700100-pool-search';
import { NearDuplicates1764100700200 } from './migrations/1764100700200-near-duplicates';
import { PoolPostingsCleanupTrigger1764100800100 } from './migrations/1764100800100-pool-postings-cleanup-trigger';
import { NearDuplicateLookupFunctions1764100800200 } from './migrations/1764100800200-near-duplicate-lookup-functions';
import { PoolLexiconPending1764100800500 } from './migrations/1764100800500-pool-lexicon-pending';
import { HubLiveFeed1764101200300 } from './migrations/1764101200300-hub-live-feed';
import { PoolRankedSearch1764101300100 } from './migrations/1764101300100-pool-ranked-search';
import { FamilyMergeService } from './near-duplicates/family-merge.service';
import { StoryFamilyController } from './near-duplicates/story-family.controller';
import { StoryFamilyService } from './near-duplicates/story-family.service';
import { chineseSegmenterProvider } from './search/chinese-segmenter.provider';
import { PoolSearchController } from './search/pool-search.controller';
import { PoolSearchIndex } from './search/pool-search-index';
import { PoolSearchService } from './search/pool-search.service';
import { PoolAnnouncer } from './pool/pool-announcer';
import { RecommendationController } from './recommendation/recommendation.controller';
import { RecommendationService } from './recommendation/recommendation.service';
import { PoolAdoptionEntity } from './republish/pool-adoption.entity';
import { StoryRepublishedHandler } from './republish/story-republished.handler';
import { PoolCopyKeeper } from './copies/pool-copy.keeper';
import { HubTombstoneGuards1764100420000 } from './migrations/1764100420000-hub-tombstone-guards';
import { DecisionsRedriveSource } from './reconciliation/decisions-redrive.source';
import { PoolSentSource, SubmissionsAcknowledgedSource } from './reconciliation/hub.reconciliation-sources';
import { POOL_LISTENERS } from './pool/pool-listener';
import { PoolController } from './pool/pool.controller';
import { SimhashBandTables1764550100000 } from './migrations/1764550100000-simhash-band-tables';
import { PoolService } from './pool/pool.service';
import { PoolStoryEntity } from './pool/pool-story.entity';
import { StoryPoolGrpcController } from './pool/story-pool.grpc-controller';
import { ReviewQueueController } from './review-queue/review-queue.controller';
import { ReviewQueueService } from './review-queue/review-queue.service';
import { REVIEW_LISTENERS } from './review-queue/review-listener';
import { REPUBLISH_LISTENERS } from './republish/republish-listener';
import { StorySubmittedHandler } from './review-queue/story-submitted.handler';
import { SubmissionEntity } from './review-queue/submission.entity';

export const hubPersistence: PersistencePart = {
  entities: [SubmissionEntity, PoolStoryEntity, PoolStoryEditEntity, PoolAdoptionEntity],
  migrations: [
    HubPool1764100200000,
    HubWorkflow1764100310200,
    HubTombstoneGuards1764100420000,
    PoolSearch1764100700100,
    NearDuplicates1764100700200,
    PoolPostingsCleanupTrigger1764100800100,
    NearDuplicateLookupFunctions1764100800200,
    PoolLexiconPending1764100800500,
    HubLiveFeed1764101200300,
    PoolRankedSearch1764101300100,
    SimhashBandTables1764550100000,
  ],
};

/** What a center with children does: review what they submit and keep the shared pool. */
@Module({})
export class HubModule implements OnModuleInit {
  constructor(
    private readonly readiness: ReadinessRegistry,
    private readonly env: AppEnv,
  ) {}

  static forRoot(
    options: {
      listeners?: Provider[];
      listenerTokens?: unknown[];
      reviewListenerTokens?: unknown[];
      republishListenerTokens?: unknown[];
      imports?: DynamicModule['imports'];
    } = {},
  ): DynamicModule {
    return {
      module: HubModule,
      imports: options.imports ?? [],
      // PoolSearchController before PoolController: pool/search must not be taken for pool/:storyId.
      controllers: [
        ReviewQueueController,
        StoryFamilyController,
        ClaimsController,
        PoolSearchController,
        PoolController,
        CurationController,
        RecommendationController,
        HubAuditController,
        StoryPoolGrpcController,
      ],
      providers: [
        ReviewQueueService,
        PoolService,
        StorySubmittedHandler,
        AutoAcceptPolicy,
        PoolAnnouncer,
        ClaimService,
        CurationService,
        RecommendationService,
        StoryRepublishedHandler,
        PoolCopyKeeper,
        SubmissionsAcknowledgedSource,
        DecisionsRedriveSource,
        PoolSentSource,
        chineseSegmenterProvider,
        PoolSearchIndex,
        PoolSearchService,
        StoryFamilyService,
        FamilyMergeService,
        ...(options.listeners ?? []),
        { provide: POOL_LISTENERS, useFactory: (...l: unknown[]) => l, inject: (options.listenerTokens ?? []) as never[] },
        { provide: REVIEW_LISTENERS, useFactory: (...l: unknown[]) => l, inject: (options.reviewListenerTokens ?? []) as never[] },
        { provide: REPUBLISH_LISTENERS, useFactory: (...l: unknown[]) => l, inject: (options.republishListenerTokens ?? []) as never[] },
      ],
      exports: [PoolService, ReviewQueueService, PoolSearchIndex],
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
