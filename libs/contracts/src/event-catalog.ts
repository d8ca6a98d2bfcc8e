import { Direction } from './subjects';
import { ADOPTION_FEEDBACK, AdoptionFeedback } from './events/adoption-feedback/adoption-feedback.event';
import { DELIVERY_RECEIPT, DeliveryReceipt } from './events/delivery-receipt/delivery-receipt.event';
import { LEDGER_REPORTED, LedgerReported } from './events/ledger-reported/ledger-reported.event';
import { RELEASE_ISSUED, ReleaseIssued } from './events/release-issued/release-issued.event';
import { RELEASE_REPUBLISHED, ReleaseRepublished } from './events/release-republished/release-republished.event';
import { RELEASE_WITHDRAWN, ReleaseWithdrawn } from './events/release-withdrawn/release-withdrawn.event';
import { REVIEW_DECIDED, ReviewDecided } from './events/review-decided/review-decided.event';
import { STORY_ADOPTED, StoryAdopted } from './events/story-adopted/story-adopted.event';
import { STORY_CORRECTED, StoryCorrected } from './events/story-corrected/story-corrected.event';
import { STORY_POOLED, StoryPooled } from './events/story-pooled/story-pooled.event';
import { STORY_RECOMMENDED, StoryRecommended } from './events/story-recommended/story-recommended.event';
import { STORY_REPUBLISHED, StoryRepublished } from './events/story-republished/story-republished.event';
import { STORY_SUBMITTED, StorySubmitted } from './events/story-submitted/story-submitted.event';
import { STORY_WITHDRAWN, StoryWithdrawn } from './events/story-withdrawn/story-withdrawn.event';
import { TOPIC_ANSWERED, TopicAnswered } from './events/topic-answered/topic-answered.event';
import { TOPIC_ISSUED, TopicIssued } from './events/topic-issued/topic-issued.event';

/**
 * Every event the network speaks, by type, with the payload it carries. Senders and handlers are
 * typed through it, so an event type sent with another type's payload does not compile.
 */
export interface TreeEvents {
  [STORY_SUBMITTED]: StorySubmitted;
  [REVIEW_DECIDED]: ReviewDecided;
  [STORY_POOLED]: StoryPooled;
  [STORY_RECOMMENDED]: StoryRecommended;
  [STORY_ADOPTED]: StoryAdopted;
  [TOPIC_ISSUED]: TopicIssued;
  [TOPIC_ANSWERED]: TopicAnswered;
  [RELEASE_ISSUED]: ReleaseIssued;
  [RELEASE_WITHDRAWN]: ReleaseWithdrawn;
  [RELEASE_REPUBLISHED]: ReleaseRepublished;
  [LEDGER_REPORTED]: LedgerReported;
  [STORY_REPUBLISHED]: StoryRepublished;
  [ADOPTION_FEEDBACK]: AdoptionFeedback;
  [STORY_CORRECTED]: StoryCorrected;
  [STORY_WITHDRAWN]: StoryWithdrawn;
  [DELIVERY_RECEIPT]: DeliveryReceipt;
}

export type TreeEventType = keyof TreeEvents;

export interface EventDefinition<P extends object = object> {
  /** 'both' for events that follow a story's copies wherever they went (corrections, takedowns, receipts). */
  direction: Direction | 'both';
  payload: new () => P;
  /**
   * May ride on another event of the same hop written in the same transaction (about the same
   * story), instead of travelling as a message of its own; the receiver applies it as if it had.
   */
  rides?: boolean;
}

/** The way each event travels and the class that validates its payload where it enters. */
export const EVENT_CATALOG: { readonly [T in TreeEventType]: EventDefinition<TreeEvents[T]> } = {
  [STORY_SUBMITTED]: { direction: 'up', payload: StorySubmitted },
  [REVIEW_DECIDED]: { direction: 'down', payload: ReviewDecided },
  [STORY_POOLED]: { direction: 'up', payload: StoryPooled },
  [STORY_RECOMMENDED]: { direction: 'up', payload: StoryRecommended },
  [STORY_ADOPTED]: { direction: 'down', payload: StoryAdopted },
  [TOPIC_ISSUED]: { direction: 'down', payload: TopicIssued },
  [TOPIC_ANSWERED]: { direction: 'up', payload: TopicAnswered },
  [RELEASE_ISSUED]: { direction: 'down', payload: ReleaseIssued },
  [RELEASE_WITHDRAWN]: { direction: 'down', payload: ReleaseWithdrawn },
  [RELEASE_REPUBLISHED]: { direction: 'up', payload: ReleaseRepublished },
  [LEDGER_REPORTED]: { direction: 'up', payload: LedgerReported, rides: true },
  [STORY_REPUBLISHED]: { direction: 'up', payload: StoryRepublished },
  [ADOPTION_FEEDBACK]: { direction: 'down', payload: AdoptionFeedback },
  [STORY_CORRECTED]: { direction: 'both', payload: StoryCorrected },
  [STORY_WITHDRAWN]: { direction: 'both', payload: StoryWithdrawn },
  [DELIVERY_RECEIPT]: { direction: 'both', payload: DeliveryReceipt },
};

export function isTreeEventType(type: string): type is TreeEventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOG, type);
}

/** The definition of a type read off the wire, or undefined for a type the network does not speak. */
export function eventDefinition(type: string): EventDefinition | undefined {
  return isTreeEventType(type) ? (EVENT_CATALOG[type] as EventDefinition) : undefined;
}
