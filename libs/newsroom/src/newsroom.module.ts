import { Module } from '@nestjs/common';
import { PersistencePart } from '@syn/persistence';
import { AdoptionFeedbackController } from './adoption-feedback/adoption-feedback.controller';
import { AdoptionFeedbackService } from './adoption-feedback/adoption-feedback.service';
import { StoryAdoptedHandler } from './adoption-feedback/story-adopted.handler';
import { CountyReviewController } from './county-review/county-review.controller';
import { CountyReviewService } from './county-review/county-review.service';
import { ReviewPolicyEntity } from './county-review/review-policy.entity';
import { ReviewPolicyService } from './county-review/review-policy.service';
import { AdoptionFeedbackHandler } from './feedback/adoption-feedback.handler';
import { StoryFeedbackEntity } from './feedback/story-feedback.entity';
import { NewsroomStories1764100100000 } from './migrations/1764100100000-newsroom-stories';
import { CountyReviewAndSharing1764100310100 } from './migrations/1764100310100-county-review-and-sharing';
import { NewsroomInboxes1764100500200 } from './migrations/1764100500200-newsroom-inboxes';
import { ReleaseInboxController } from './release-inbox/release-inbox.controller';
import { ReleaseInboxService } from './release-inbox/release-inbox.service';
import { ReleaseIssuedHandler } from './release-inbox/release-issued.handler';
import { ReleaseWithdrawnHandler } from './release-inbox/release-withdrawn.handler';
import { TopicInboxController } from './topic-inbox/topic-inbox.controller';
import { TopicInboxService } from './topic-inbox/topic-inbox.service';
import { TopicIssuedHandler } from './topic-inbox/topic-issued.handler';
import { StoryCorrectionsController } from './corrections/story-corrections.controller';
import { StoryCorrectionsService } from './corrections/story-corrections.service';
import { StoryWithdrawal1764100410000 } from './migrations/1764100410000-story-withdrawal';
import { StoriesSentSource } from './reconciliation/stories.sent-source';
import { ReviewDecidedHandler } from './review-decisions/review-decided.handler';
import { RepublishedStoryEntity } from './shared-pool/republished-story.entity';
import { SharedPoolController } from './shared-pool/shared-pool.controller';
import { RepublishedCopyGuard1764101614100 } from './migrations/1764101614100-republished-copy-guard';
import { RepublishedCopyKeeper } from './shared-pool/republished-copy.keeper';
import { SharedPoolService } from './shared-pool/shared-pool.service';
import { StoriesController } from './stories/stories.controller';
import { StoryEntity } from './stories/story.entity';
import { StoryService } from './stories/story.service';
import { StoryViewer } from './stories/story-viewer';
import { StoryVersions1764101200100 } from './migrations/1764101200100-story-versions';
import { NewsroomLiveFeed1764101200400 } from './migrations/1764101200400-newsroom-live-feed';
import { AdoptionFeedbackPoints1764101400100 } from './migrations/1764101400100-adoption-feedback-points';
import { StoryVersionEntity } from './story-versions/story-version.entity';
import { StoryVersionLog } from './story-versions/story-version-log';
import { StoryVersionsController } from './story-versions/story-versions.controller';

export const newsroomPersistence: PersistencePart = {
  entities: [StoryEntity, ReviewPolicyEntity, RepublishedStoryEntity, StoryFeedbackEntity, StoryVersionEntity],
  migrations: [
    NewsroomStories1764100100000,
    CountyReviewAndSharing1764100310100,
    StoryWithdrawal1764100410000,
    NewsroomInboxes1764100500200,
    StoryVersions1764101200100,
    NewsroomLiveFeed1764101200400,
    AdoptionFeedbackPoints1764101400100,
    RepublishedCopyGuard1764101614100,
  ],
};

/**
 * Writing, reviewing (三审) and submitting stories, drawing on the parent's pool, and what arrives
 * from above: decisions, topics to answer, releases to republish, adoption feedback. What every
 * originating center (county or city) does; what comes from above is relayed on to its children
 * through the tree transport.
 */
@Module({
  controllers: [
    StoriesController,
    CountyReviewController,
    SharedPoolController,
    TopicInboxController,
    ReleaseInboxController,
    AdoptionFeedbackController,
    StoryCorrectionsController,
    StoryVersionsController,
  ],
  providers: [
    StoryService,
    StoryVersionLog,
    StoryViewer,
    ReviewDecidedHandler,
    ReviewPolicyService,
    CountyReviewService,
    SharedPoolService,
    RepublishedCopyKeeper,
    AdoptionFeedbackHandler,
    TopicInboxService,
    TopicIssuedHandler,
    ReleaseInboxService,
    ReleaseIssuedHandler,
    ReleaseWithdrawnHandler,
    AdoptionFeedbackService,
    StoryAdoptedHandler,
    StoryCorrectionsService,
    StoriesSentSource,
  ],
  exports: [StoryService],
})
export class NewsroomModule {}
