import { Module } from '@nestjs/common';
import { distributionPersistence, LedgerModule, LedgerRepublishListener, LedgerReviewListener } from '@syn/distribution';
import { HubModule, hubPersistence } from '@syn/hub';
import { CenterAppModule } from '@syn/http';
import { PersistencePart } from '@syn/persistence';
import { ProvinceDistributionModule } from './adoption/province-adoption.module';
import { ProvinceDesk1764100500300 } from './migrations/1764100500300-province-desk';
import { IndexLiveFeed1764101200500 } from './migrations/1764101200500-index-live-feed';
import { RecommendationsModule } from './recommendations/recommendations.module';
import { StatisticsModule } from './statistics/statistics.module';
import { StoryIndexModule, storyIndexPersistence } from './story-index/story-index.module';
import { StoryIndexWriter } from './story-index/story-index.writer';

const provinceDeskPersistence: PersistencePart = { entities: [], migrations: [ProvinceDesk1764100500300, IndexLiveFeed1764101200500] };

/**
 * 省级平台: the index of every pool in the province, plus a hub of its own for the centers that
 * report to it directly (a city's own stories, counties directly under the province), and the
 * desk: live feed, 推荐 marks, adoption, topics and releases downward, monthly statistics.
 */
@Module({
  imports: [
    CenterAppModule.forRoot([hubPersistence, storyIndexPersistence, distributionPersistence, provinceDeskPersistence]),
    StoryIndexModule,
    HubModule.forRoot({
      imports: [StoryIndexModule, LedgerModule],
      listenerTokens: [StoryIndexWriter],
      reviewListenerTokens: [LedgerReviewListener],
      republishListenerTokens: [LedgerRepublishListener],
    }),
    ProvinceDistributionModule,
    RecommendationsModule,
    StatisticsModule,
  ],
})
export class ProvinceModule {}
