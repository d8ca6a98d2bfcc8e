import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Debian puts nats-server in /usr/sbin, which is not on a normal user's PATH; scripts/infra/ensure-services.sh looks in the same places. */
export const WELL_KNOWN_BIN_DIRS = ['/usr/sbin', '/usr/local/bin', '/usr/local/sbin', '/usr/bin'];

/** NATS_SERVER_BIN, else the first executable nats-server on PATH or in the well-known directories, else the bare name (spawn then says it is missing). */
export function natsServerBinary(env: NodeJS.ProcessEnv = process.env, wellKnown: readonly string[] = WELL_KNOWN_BIN_DIRS): string {
  if (env.NATS_SERVER_BIN) return env.NATS_SERVER_BIN;
  for (const dir of [...(env.PATH ?? '').split(delimiter).filter(Boolean), ...wellKnown]) {
    const candidate = join(dir, 'nats-server');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here; next directory
    }
  }
  return 'nats-server';
}
