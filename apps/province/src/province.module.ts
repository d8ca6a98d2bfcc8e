import { Module } from '@nestjs/common';
import { HubModule, hubPersistence } from '@syn/hub';
import { CenterAppModule } from '@syn/http';
import { StoryIndexModule, storyIndexPersistence } from './story-index/story-index.module';
import { StoryIndexWriter } from './story-index/story-index.writer';

/**
 * 省级平台: the index of every pool in the province, plus a hub of its own for the centers that
 * report to it directly (a city's own stories, counties directly under the province).
 */
@Module({
  imports: [
    CenterAppModule.forRoot([hubPersistence, storyIndexPersistence]),
    StoryIndexModule,
    HubModule.forRoot({ imports: [StoryIndexModule], listenerTokens: [StoryIndexWriter] }),
  ],
})
export class ProvinceModule {}
