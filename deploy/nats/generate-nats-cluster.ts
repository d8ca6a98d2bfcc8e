import { generateNatsCluster, readNatsTopology } from '@syn/messaging';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../cli-args';

/**
 * Writes the nats-server configurations of a province from the `nats` block of its network file:
 * one per cluster node (JetStream, routes to the others, a leaf-node port for the counties) and
 * one per county site's leaf server:
 *
 *   node dist/deploy/nats/generate-nats-cluster.js --network deploy/network/jiangxi.json \
 *     --auth auth.conf --out .run/nats-cluster
 *
 * `--auth` names the per-center users file of generate-nats-config, included by every server
 * (copy it next to each config). Out: <node>.conf, leaf-<site>.conf, all mode 0600.
 */
function main() {
  const { flags } = parseArgs(process.argv.slice(2));
  const network = flags.get('network');
  const out = flags.get('out');
  if (!network || !out) {
    process.stderr.write('usage: generate-nats-cluster --network <file> --out <dir> [--auth auth.conf]\n');
    process.exit(2);
  }
  const generated = generateNatsCluster(readNatsTopology(network), { authInclude: flags.get('auth') });
  mkdirSync(out, { recursive: true, mode: 0o700 });
  const write = (name: string, text: string) => {
    writeFileSync(join(out, name), text, { mode: 0o600 });
    chmodSync(join(out, name), 0o600);
  };
  for (const [name, text] of Object.entries(generated.nodes)) write(`${name}.conf`, text);
  for (const [name, text] of Object.entries(generated.leafSites)) write(`leaf-${name}.conf`, text);
  process.stdout.write(
    `wrote ${Object.keys(generated.nodes).length} cluster node and ${Object.keys(generated.leafSites).length} leaf site configurations to ${out}\n`,
  );
}

main();
