import { Module } from '@nestjs/common';
import { PersistencePart } from '@syn/persistence';
import { StoryCorrectionsController } from './corrections/story-corrections.controller';
import { StoryCorrectionsService } from './corrections/story-corrections.service';
import { NewsroomStories1764100100000 } from './migrations/1764100100000-newsroom-stories';
import { StoryWithdrawal1764100410000 } from './migrations/1764100410000-story-withdrawal';
import { StoriesSentSource } from './reconciliation/stories.sent-source';
import { ReviewDecidedHandler } from './review-decisions/review-decided.handler';
import { StoriesController } from './stories/stories.controller';
import { StoryEntity } from './stories/story.entity';
import { StoryService } from './stories/story.service';

export const newsroomPersistence: PersistencePart = {
  entities: [StoryEntity],
  migrations: [NewsroomStories1764100100000, StoryWithdrawal1764100410000],
};

/** Writing and submitting stories: what every originating center (county or city) does. */
@Module({
  controllers: [StoriesController, StoryCorrectionsController],
  providers: [StoryService, ReviewDecidedHandler, StoryCorrectionsService, StoriesSentSource],
  exports: [StoryService],
})
export class NewsroomModule {}
