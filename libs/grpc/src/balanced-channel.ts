import type { ChannelOptions } from '@grpc/grpc-js';

/**
 * Calls spread over every address a hub's target resolves to (its replicas), and an address
 * whose replica is down is left out until it answers again. With one address it is the same as
 * the default.
 */
export const BALANCED_CHANNEL: ChannelOptions = {
  'grpc.service_config': JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
};
