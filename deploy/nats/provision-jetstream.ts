import { natsInboxPrefix, provisionJetStream } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { parseArgs } from '../cli-args';

/**
 * Creates the SYN stream and every center's durable consumers as the operator user, which app
 * users may not do. Reads NATS_OPS_USER / NATS_OPS_PASSWORD from the environment (ops.env), so the
 * password is never on a command line:
 *
 *   set -a; . .run/nats-auth/ops.env; set +a
 *   node dist/deploy/nats/provision-jetstream.js --network deploy/network/jiangxi.json --url nats://127.0.0.1:4222
 */
async function main() {
  const { flags } = parseArgs(process.argv.slice(2));
  const network = flags.get('network');
  const url = flags.get('url') ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const user = process.env.NATS_OPS_USER;
  const password = process.env.NATS_OPS_PASSWORD;
  if (!network || !user || !password) {
    process.stderr.write('usage: NATS_OPS_USER=… NATS_OPS_PASSWORD=… provision-jetstream --network <file> [--url nats://…] [--replicas 1|3|5]\n');
    process.exit(2);
  }
  const r = await provisionJetStream(url, { user, password, inboxPrefix: natsInboxPrefix(user) }, CenterDirectory.fromFile(network), {
    replicas: Number(flags.get('replicas') ?? 1),
  });
  process.stdout.write(`stream SYN and ${r.consumers} consumers ready\n`);
}

main().catch((e) => {
  process.stderr.write(`provision-jetstream failed: ${(e as Error).message}\n`);
  process.exit(1);
});
