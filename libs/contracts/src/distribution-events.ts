import type { EventDefinition } from './event-catalog';
import { LEDGER_REPORTED, LedgerReported } from './events/ledger-reported/ledger-reported.event';
import { RELEASE_ISSUED, ReleaseIssued } from './events/release-issued/release-issued.event';
import { RELEASE_REPUBLISHED, ReleaseRepublished } from './events/release-republished/release-republished.event';
import { RELEASE_WITHDRAWN, ReleaseWithdrawn } from './events/release-withdrawn/release-withdrawn.event';
import { STORY_ADOPTED, StoryAdopted } from './events/story-adopted/story-adopted.event';
import { STORY_RECOMMENDED, StoryRecommended } from './events/story-recommended/story-recommended.event';
import { TOPIC_ANSWERED, TopicAnswered } from './events/topic-answered/topic-answered.event';
import { TOPIC_ISSUED, TopicIssued } from './events/topic-issued/topic-issued.event';

/** Events of the provincial desk and of distribution (topics, releases, adoption, ledger), kept apart to ease merging. */
export const DISTRIBUTION_EVENTS: Record<string, EventDefinition> = {
  [STORY_RECOMMENDED]: { type: STORY_RECOMMENDED, direction: 'up', payload: StoryRecommended },
  [STORY_ADOPTED]: { type: STORY_ADOPTED, direction: 'down', payload: StoryAdopted },
  [TOPIC_ISSUED]: { type: TOPIC_ISSUED, direction: 'down', payload: TopicIssued },
  [TOPIC_ANSWERED]: { type: TOPIC_ANSWERED, direction: 'up', payload: TopicAnswered },
  [RELEASE_ISSUED]: { type: RELEASE_ISSUED, direction: 'down', payload: ReleaseIssued },
  [RELEASE_WITHDRAWN]: { type: RELEASE_WITHDRAWN, direction: 'down', payload: ReleaseWithdrawn },
  [RELEASE_REPUBLISHED]: { type: RELEASE_REPUBLISHED, direction: 'up', payload: ReleaseRepublished },
  [LEDGER_REPORTED]: { type: LEDGER_REPORTED, direction: 'up', payload: LedgerReported, rides: true },
};
