import { generateKeysFiles } from '@syn/grpc';
import { CenterDirectory } from '@syn/network';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../cli-args';

/**
 * Fresh Ed25519 keys for gRPC between centers, one keys file per app process (GRPC_KEYS_FILE):
 * the private keys of the centers it hosts and the public keys of all. No process can then sign
 * as a center it does not host.
 *
 *   node dist/deploy/grpc/generate-grpc-keys.js --network deploy/network/jiangxi.json \
 *     --process province=360000 --process city-ganzhou=360700 --out .run/grpc-keys
 */
function main() {
  const { flags, processes } = parseArgs(process.argv.slice(2));
  const network = flags.get('network');
  const out = flags.get('out');
  if (!network || !out || Object.keys(processes).length === 0) {
    process.stderr.write('usage: generate-grpc-keys --network <file> --process <name>=<code,code> [--process …] --out <dir>\n');
    process.exit(2);
  }
  const directory = CenterDirectory.fromFile(network);
  const files = generateKeysFiles(
    directory.all().map((c) => c.code),
    processes,
  );
  mkdirSync(out, { recursive: true, mode: 0o700 });
  for (const [name, file] of Object.entries(files)) {
    const path = join(out, `${name}.grpc-keys.json`);
    writeFileSync(path, JSON.stringify(file, null, 2), { mode: 0o600 });
    chmodSync(path, 0o600);
  }
  process.stdout.write(`wrote ${Object.keys(files).length} keys files to ${out}\n`);
}

main();
