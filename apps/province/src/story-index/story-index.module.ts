import { Module } from '@nestjs/common';
import { chineseSegmenterProvider } from '@syn/hub';
import { PersistencePart } from '@syn/persistence';
import { IndexSearchController } from '../index-search/index-search.controller';
import { IndexSearchService } from '../index-search/index-search.service';
import { ProvinceSearchIndex } from '../index-search/province-search-index';
import { IndexSearch1764100700300 } from '../migrations/1764100700300-index-search';
import { IndexPostingsCleanupTrigger1764100800300 } from '../migrations/1764100800300-index-postings-cleanup-trigger';
import { IndexNearDuplicateFunction1764100800400 } from '../migrations/1764100800400-index-near-duplicate-function';
import { IndexLexiconPending1764100800600 } from '../migrations/1764100800600-index-lexicon-pending';
import { IndexRankedSearch1764101300200 } from '../migrations/1764101300200-index-ranked-search';
import { IndexSimhashBands1764550100100 } from '../migrations/1764550100100-index-simhash-bands';
import { StoryIndex1764100300000 } from '../migrations/1764100300000-story-index';
import { StoryIndexEditions1764100310300 } from '../migrations/1764100310300-story-index-editions';
import { StoryIndexTombstoneGuard1764100430000 } from '../migrations/1764100430000-story-index-tombstone-guard';
import { EmbargoLifts1764101614300 } from '../migrations/1764101614300-embargo-lifts';
import { EmbargoLiftAnnouncer } from './embargo-lift.announcer';
import { IndexCopyKeeper } from './index-copy.keeper';
import { StoryIndexController } from './story-index.controller';
import { StoryIndexEntity } from './story-index.entity';
import { StoryIndexService } from './story-index.service';
import { StoryIndexWriter } from './story-index.writer';
import { StoryPooledHandler } from './story-pooled.handler';

export const storyIndexPersistence: PersistencePart = {
  entities: [StoryIndexEntity],
  migrations: [
    StoryIndex1764100300000,
    StoryIndexEditions1764100310300,
    StoryIndexTombstoneGuard1764100430000,
    IndexSearch1764100700300,
    IndexPostingsCleanupTrigger1764100800300,
    IndexNearDuplicateFunction1764100800400,
    IndexLexiconPending1764100800600,
    IndexRankedSearch1764101300200,
    EmbargoLifts1764101614300,
    IndexSimhashBands1764550100100,
  ],
};

@Module({
  // IndexSearchController first: index/search must not be taken for index/:storyId.
  controllers: [IndexSearchController, StoryIndexController],
  providers: [
    EmbargoLiftAnnouncer,
    StoryIndexService,
    StoryIndexWriter,
    StoryPooledHandler,
    IndexCopyKeeper,
    chineseSegmenterProvider,
    ProvinceSearchIndex,
    IndexSearchService,
  ],
  exports: [StoryIndexWriter],
})
export class StoryIndexModule {}
