import { Module } from '@nestjs/common';
import { LiveFeedController } from './live-feed.controller';
import { LiveFeedJournal } from './live-feed-journal';
import { LiveFeedPresenter } from './live-feed-presenter';

/** The live feed every app serves at /api/v1/centers/:center/live-feed, fed by the journal its tables' triggers write. */
@Module({
  controllers: [LiveFeedController],
  providers: [LiveFeedJournal, LiveFeedPresenter],
})
export class LiveFeedModule {}
