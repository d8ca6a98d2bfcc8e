import { Module } from '@nestjs/common';
import { PersistencePart } from '@syn/persistence';
import { StoryIndex1764100300000 } from '../migrations/1764100300000-story-index';
import { StoryIndexEditions1764100310300 } from '../migrations/1764100310300-story-index-editions';
import { StoryIndexTombstoneGuard1764100430000 } from '../migrations/1764100430000-story-index-tombstone-guard';
import { IndexCopyKeeper } from './index-copy.keeper';
import { StoryIndexController } from './story-index.controller';
import { StoryIndexEntity } from './story-index.entity';
import { StoryIndexService } from './story-index.service';
import { StoryIndexWriter } from './story-index.writer';
import { StoryPooledHandler } from './story-pooled.handler';

export const storyIndexPersistence: PersistencePart = {
  entities: [StoryIndexEntity],
  migrations: [StoryIndex1764100300000, StoryIndexEditions1764100310300, StoryIndexTombstoneGuard1764100430000],
};

@Module({
  controllers: [StoryIndexController],
  providers: [StoryIndexService, StoryIndexWriter, StoryPooledHandler, IndexCopyKeeper],
  exports: [StoryIndexWriter],
})
export class StoryIndexModule {}
