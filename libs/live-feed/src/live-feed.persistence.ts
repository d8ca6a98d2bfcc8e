import type { PersistencePart } from '@syn/persistence';
import { LiveFeedJournal1764101200200 } from './migrations/1764101200200-live-feed-journal';

/** The journal every app keeps; the tables it watches add their own triggers in their libs. */
export const liveFeedPersistence: PersistencePart = { entities: [], migrations: [LiveFeedJournal1764101200200] };
