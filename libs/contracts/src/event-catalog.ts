import { Direction } from './subjects';
import { REVIEW_DECIDED, ReviewDecided } from './events/review-decided/review-decided.event';
import { STORY_POOLED, StoryPooled } from './events/story-pooled/story-pooled.event';
import { STORY_SUBMITTED, StorySubmitted } from './events/story-submitted/story-submitted.event';
import { DISTRIBUTION_EVENTS } from './distribution-events';
import { ADOPTION_FEEDBACK, AdoptionFeedback } from './events/adoption-feedback/adoption-feedback.event';
import { STORY_REPUBLISHED, StoryRepublished } from './events/story-republished/story-republished.event';
import { STORY_CORRECTED, StoryCorrected } from './events/story-corrected/story-corrected.event';
import { STORY_WITHDRAWN, StoryWithdrawn } from './events/story-withdrawn/story-withdrawn.event';
import { DELIVERY_RECEIPT, DeliveryReceipt } from './events/delivery-receipt/delivery-receipt.event';

export interface EventDefinition<P extends object = object> {
  type: string;
  /** 'both' for events that follow a story's copies wherever they went (corrections, takedowns, receipts). */
  direction: Direction | 'both';
  payload: new () => P;
  /**
   * May ride on another event of the same hop written in the same transaction (about the same
   * story), instead of travelling as a message of its own; the receiver applies it as if it had.
   */
  rides?: boolean;
}

/** Every event the network speaks, with the way it travels and the class that validates it. */
export const EVENT_CATALOG: Record<string, EventDefinition> = {
  [STORY_SUBMITTED]: { type: STORY_SUBMITTED, direction: 'up', payload: StorySubmitted },
  [REVIEW_DECIDED]: { type: REVIEW_DECIDED, direction: 'down', payload: ReviewDecided },
  [STORY_POOLED]: { type: STORY_POOLED, direction: 'up', payload: StoryPooled },
  ...DISTRIBUTION_EVENTS,
  [STORY_REPUBLISHED]: { type: STORY_REPUBLISHED, direction: 'up', payload: StoryRepublished },
  [ADOPTION_FEEDBACK]: { type: ADOPTION_FEEDBACK, direction: 'down', payload: AdoptionFeedback },
  [STORY_CORRECTED]: { type: STORY_CORRECTED, direction: 'both', payload: StoryCorrected },
  [STORY_WITHDRAWN]: { type: STORY_WITHDRAWN, direction: 'both', payload: StoryWithdrawn },
  [DELIVERY_RECEIPT]: { type: DELIVERY_RECEIPT, direction: 'both', payload: DeliveryReceipt },
};

export function registerEvent(def: EventDefinition): void {
  EVENT_CATALOG[def.type] = def;
}
