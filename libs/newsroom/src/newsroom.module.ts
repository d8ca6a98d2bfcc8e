import { Module } from '@nestjs/common';
import { PersistencePart } from '@syn/persistence';
import { NewsroomStories1764100100000 } from './migrations/1764100100000-newsroom-stories';
import { ReviewDecidedHandler } from './review-decisions/review-decided.handler';
import { StoriesController } from './stories/stories.controller';
import { StoryEntity } from './stories/story.entity';
import { StoryService } from './stories/story.service';

export const newsroomPersistence: PersistencePart = {
  entities: [StoryEntity],
  migrations: [NewsroomStories1764100100000],
};

/** Writing and submitting stories: what every originating center (county or city) does. */
@Module({
  controllers: [StoriesController],
  providers: [StoryService, ReviewDecidedHandler],
  exports: [StoryService],
})
export class NewsroomModule {}
