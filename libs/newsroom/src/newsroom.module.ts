import { Module } from '@nestjs/common';
import { PersistencePart } from '@syn/persistence';
import { CountyReviewController } from './county-review/county-review.controller';
import { CountyReviewService } from './county-review/county-review.service';
import { ReviewPolicyEntity } from './county-review/review-policy.entity';
import { ReviewPolicyService } from './county-review/review-policy.service';
import { AdoptionFeedbackHandler } from './feedback/adoption-feedback.handler';
import { StoryFeedbackEntity } from './feedback/story-feedback.entity';
import { NewsroomStories1764100100000 } from './migrations/1764100100000-newsroom-stories';
import { CountyReviewAndSharing1764100310100 } from './migrations/1764100310100-county-review-and-sharing';
import { ReviewDecidedHandler } from './review-decisions/review-decided.handler';
import { RepublishedStoryEntity } from './shared-pool/republished-story.entity';
import { SharedPoolController } from './shared-pool/shared-pool.controller';
import { SharedPoolService } from './shared-pool/shared-pool.service';
import { StoriesController } from './stories/stories.controller';
import { StoryEntity } from './stories/story.entity';
import { StoryService } from './stories/story.service';
import { StoryViewer } from './stories/story-viewer';

export const newsroomPersistence: PersistencePart = {
  entities: [StoryEntity, ReviewPolicyEntity, RepublishedStoryEntity, StoryFeedbackEntity],
  migrations: [NewsroomStories1764100100000, CountyReviewAndSharing1764100310100],
};

/** Writing, reviewing (三审) and submitting stories, and drawing on the parent's pool: what every originating center does. */
@Module({
  controllers: [StoriesController, CountyReviewController, SharedPoolController],
  providers: [StoryService, StoryViewer, ReviewDecidedHandler, ReviewPolicyService, CountyReviewService, SharedPoolService, AdoptionFeedbackHandler],
  exports: [StoryService],
})
export class NewsroomModule {}
