import { AckPolicy, ConsumerConfig, DeliverPolicy, DiscardPolicy, RetentionPolicy, StorageType, StreamConfig } from '@nats-io/jetstream';
import { Direction, inboundFilters, STREAM_NAME, SUBJECT_ROOT } from '@syn/contracts';

const SECOND_NS = 1_000_000_000;
const DAY_NS = 24 * 60 * 60 * SECOND_NS;

/** The one stream every event travels in; created by the first app or by provisioning, never changed by apps. */
export function synStreamConfig(replicas: number): Partial<StreamConfig> & { name: string; subjects: string[] } {
  return {
    name: STREAM_NAME,
    subjects: [`${SUBJECT_ROOT}.>`],
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    max_age: 30 * DAY_NS,
    duplicate_window: 10 * 60 * SECOND_NS,
    num_replicas: replicas,
  };
}

export const consumerName = (center: string, direction: Direction) => `${center}-${direction === 'up' ? 'from-children' : 'from-parent'}`;

export const consumerFilter = (center: string, direction: Direction) => {
  const filters = inboundFilters(center);
  return direction === 'up' ? filters.fromChildren : filters.fromParent;
};

/**
 * A center's durable pull consumer for one direction. Its replicas follow the stream's: an R1
 * consumer on an R3 stream would lose its delivery state (what was acked) with its one node.
 */
export function centerConsumerConfig(
  center: string,
  direction: Direction,
  batchSize: number,
  replicas = 1,
): Partial<ConsumerConfig> & { durable_name: string; filter_subject: string } {
  return {
    durable_name: consumerName(center, direction),
    filter_subject: consumerFilter(center, direction),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: 60 * SECOND_NS,
    max_ack_pending: 4 * batchSize,
    num_replicas: replicas,
  };
}
