import { JetStreamManager, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { STREAM_NAME } from '@syn/contracts';
import type { CenterDirectory } from '@syn/network';
import { centerConsumerConfig, synStreamConfig } from '../jetstream/syn-stream.config';
import type { NatsCredential } from './nats-config.generator';

/**
 * Creates the SYN stream and every center's two durable consumers with their filters, as the
 * operator. Apps under per-center credentials may only read these consumers, not make them.
 * Safe to run again: existing ones are kept, a wrong filter is corrected.
 */
export async function provisionJetStream(
  servers: string,
  ops: NatsCredential,
  directory: CenterDirectory,
  opts: { replicas?: number; batchSize?: number } = {},
): Promise<{ consumers: number }> {
  const nc = await connect({ servers: servers.split(','), user: ops.user, pass: ops.password, inboxPrefix: ops.inboxPrefix });
  try {
    const jsm = await jetstreamManager(nc);
    const replicas = opts.replicas ?? 1;
    await jsm.streams.info(STREAM_NAME).catch(() => jsm.streams.add(synStreamConfig(replicas)));
    let consumers = 0;
    for (const c of directory.all()) {
      for (const direction of ['up', 'down'] as const) {
        await ensureConsumer(jsm, centerConsumerConfig(c.code, direction, opts.batchSize ?? 256, replicas));
        consumers++;
      }
    }
    return { consumers };
  } finally {
    await nc.close();
  }
}

async function ensureConsumer(jsm: JetStreamManager, config: ReturnType<typeof centerConsumerConfig>) {
  const existing = await jsm.consumers.info(STREAM_NAME, config.durable_name).catch(() => null);
  if (!existing) await jsm.consumers.add(STREAM_NAME, config);
  else if (existing.config.filter_subject !== config.filter_subject)
    await jsm.consumers.update(STREAM_NAME, config.durable_name, { filter_subject: config.filter_subject });
}
