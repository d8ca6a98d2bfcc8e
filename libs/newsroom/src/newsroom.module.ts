import { Module } from '@nestjs/common';
import { RelayModule } from '@syn/distribution';
import { PersistencePart } from '@syn/persistence';
import { AdoptionFeedbackController } from './adoption-feedback/adoption-feedback.controller';
import { AdoptionFeedbackService } from './adoption-feedback/adoption-feedback.service';
import { StoryAdoptedHandler } from './adoption-feedback/story-adopted.handler';
import { NewsroomStories1764100100000 } from './migrations/1764100100000-newsroom-stories';
import { NewsroomInboxes1764100500200 } from './migrations/1764100500200-newsroom-inboxes';
import { ReleaseInboxController } from './release-inbox/release-inbox.controller';
import { ReleaseInboxService } from './release-inbox/release-inbox.service';
import { ReleaseIssuedHandler } from './release-inbox/release-issued.handler';
import { ReleaseWithdrawnHandler } from './release-inbox/release-withdrawn.handler';
import { TopicInboxController } from './topic-inbox/topic-inbox.controller';
import { TopicInboxService } from './topic-inbox/topic-inbox.service';
import { TopicIssuedHandler } from './topic-inbox/topic-issued.handler';
import { ReviewDecidedHandler } from './review-decisions/review-decided.handler';
import { StoriesController } from './stories/stories.controller';
import { StoryEntity } from './stories/story.entity';
import { StoryService } from './stories/story.service';

export const newsroomPersistence: PersistencePart = {
  entities: [StoryEntity],
  migrations: [NewsroomStories1764100100000, NewsroomInboxes1764100500200],
};

/**
 * Writing and submitting stories, and what arrives from above: topics to answer, releases to
 * republish, adoption feedback. What every originating center (county or city) does. Pair
 * newsroomPersistence with relayPersistence: a center relays what comes from above to its children.
 */
@Module({
  imports: [RelayModule],
  controllers: [StoriesController, TopicInboxController, ReleaseInboxController, AdoptionFeedbackController],
  providers: [
    StoryService,
    ReviewDecidedHandler,
    TopicInboxService,
    TopicIssuedHandler,
    ReleaseInboxService,
    ReleaseIssuedHandler,
    ReleaseWithdrawnHandler,
    AdoptionFeedbackService,
    StoryAdoptedHandler,
  ],
  exports: [StoryService],
})
export class NewsroomModule {}
