import { generateNatsConfig } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../cli-args';

/**
 * Writes the nats-server users of a deployment, one per app process, limited to its centers:
 *
 *   node dist/deploy/nats/generate-nats-config.js --network deploy/network/jiangxi.json \
 *     --process province=360000 --process city-ganzhou=360700 --process counties=360702,360703 \
 *     --out .run/nats-auth
 *
 * Out: auth.conf (include it from the server config), <process>.env with NATS_USER / NATS_PASSWORD
 * for each app, ops.env for deploy/nats/provision-jetstream. All files are mode 0600.
 */
function main() {
  const { flags, processes } = parseArgs(process.argv.slice(2));
  const network = flags.get('network');
  const out = flags.get('out');
  if (!network || !out || Object.keys(processes).length === 0) {
    process.stderr.write('usage: generate-nats-config --network <file> --process <name>=<code,code> [--process …] --out <dir>\n');
    process.exit(2);
  }
  // --js-domain: the users' API calls may also name the province's JetStream domain (county sites on leaf nodes).
  const generated = generateNatsConfig(CenterDirectory.fromFile(network), processes, { jsDomain: flags.get('js-domain') });
  mkdirSync(out, { recursive: true, mode: 0o700 });
  const write = (name: string, text: string) => {
    writeFileSync(join(out, name), text, { mode: 0o600 });
    chmodSync(join(out, name), 0o600);
  };
  write('auth.conf', generated.config);
  for (const [name, c] of Object.entries(generated.processes))
    write(`${name}.env`, `NATS_USER=${c.user}\nNATS_PASSWORD=${c.password}\n# hosts ${c.centers.join(',')}\n`);
  write('ops.env', `NATS_OPS_USER=${generated.ops.user}\nNATS_OPS_PASSWORD=${generated.ops.password}\n`);
  process.stdout.write(`wrote ${out}/auth.conf, ops.env and ${Object.keys(generated.processes).length} process credential files\n`);
}

main();
