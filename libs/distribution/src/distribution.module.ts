import { DynamicModule, Module, Type } from '@nestjs/common';
import { PersistencePart } from '@syn/persistence';
import { ADOPTABLE_STORIES, AdoptableStorySource } from './adoption/adoptable-story-source';
import { ADOPTION_POINTS, AdoptionPointsSource, NoAdoptionPoints } from './adoption/adoption-points-source';
import { AdoptionCopyKeeper } from './adoption/adoption-copy.keeper';
import { AdoptionController } from './adoption/adoption.controller';
import { AdoptionService } from './adoption/adoption.service';
import { PoolAdoptableSource } from './adoption/pool-adoptable.source';
import { LedgerModule } from './ledger/ledger.module';
import { Distribution1764100500100 } from './migrations/1764100500100-distribution';
import { AdoptionTakedowns1764101614200 } from './migrations/1764101614200-adoption-takedowns';
import { LedgerMergesAndTakedowns1764101614500 } from './migrations/1764101614500-ledger-merges-and-takedowns';
import { ReleaseRepublishedHandler } from './releases/release-republished.handler';
import { ReleasesController } from './releases/releases.controller';
import { ReleasesService } from './releases/releases.service';
import { TopicAnsweredHandler } from './topics/topic-answered.handler';
import { TargetsController } from './targets/targets.controller';
import { TopicsController } from './topics/topics.controller';
import { TopicsService } from './topics/topics.service';

/** Tables of a center that issues downward and adopts (city hub, province) */
export const distributionPersistence: PersistencePart = {
  entities: [],
  migrations: [Distribution1764100500100, AdoptionTakedowns1764101614200, LedgerMergesAndTakedowns1764101614500],
};

/**
 * What a center with children does downward and for the ledger: adopt (选用) with feedback to the
 * origin, issue topics (选题) and releases (通稿), and record answers and republish receipts.
 */
@Module({})
export class DistributionModule {
  static forRoot(
    options: { adoptableSource?: Type<AdoptableStorySource>; pointsSource?: Type<AdoptionPointsSource>; imports?: DynamicModule['imports'] } = {},
  ): DynamicModule {
    return {
      module: DistributionModule,
      imports: [LedgerModule, ...(options.imports ?? [])],
      controllers: [AdoptionController, TopicsController, ReleasesController, TargetsController],
      providers: [
        AdoptionService,
        AdoptionCopyKeeper,
        TopicsService,
        ReleasesService,
        TopicAnsweredHandler,
        ReleaseRepublishedHandler,
        { provide: ADOPTABLE_STORIES, useClass: options.adoptableSource ?? PoolAdoptableSource },
        { provide: ADOPTION_POINTS, useClass: options.pointsSource ?? NoAdoptionPoints },
      ],
      exports: [AdoptionService, TopicsService, ReleasesService, LedgerModule],
    };
  }
}
