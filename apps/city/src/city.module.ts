import { Module } from '@nestjs/common';
import { DistributionModule, distributionPersistence, LedgerModule, LedgerRepublishListener, LedgerReviewListener } from '@syn/distribution';
import { HubModule, hubPersistence } from '@syn/hub';
import { CenterAppModule } from '@syn/http';
import { NewsroomModule, newsroomPersistence } from '@syn/newsroom';

/**
 * 市级融媒体平台: the hub (review queue, shared pool, StoryPool gRPC), a newsroom of its own, and
 * distribution: city-level adoption, topics and releases for its counties, the ledger of its subtree.
 */
@Module({
  imports: [
    CenterAppModule.forRoot([hubPersistence, newsroomPersistence, distributionPersistence]),
    HubModule.forRoot({ imports: [LedgerModule], reviewListenerTokens: [LedgerReviewListener], republishListenerTokens: [LedgerRepublishListener] }),
    NewsroomModule,
    DistributionModule.forRoot(),
  ],
})
export class CityModule {}
