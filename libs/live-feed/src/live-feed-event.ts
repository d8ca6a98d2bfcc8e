/** One row of the journal as the poller reads it. */
export interface JournaledEvent {
  /** the event id a desk replays from (Last-Event-ID) */
  seq: number;
  center: string;
  /** `index.pooled`, `queue.claimed`, `story.status` … (docs/live-feed.md) */
  event: string;
  data: Record<string, unknown>;
}
