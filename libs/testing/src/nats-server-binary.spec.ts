import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { natsServerBinary, WELL_KNOWN_BIN_DIRS } from './nats-server-binary';

describe('natsServerBinary', () => {
  it('prefers NATS_SERVER_BIN, then PATH', () => {
    expect(natsServerBinary({ NATS_SERVER_BIN: '/opt/nats/bin/nats-server', PATH: '/usr/bin' })).toBe('/opt/nats/bin/nats-server');
    const dir = mkdtempSync(join(tmpdir(), 'nats-bin-'));
    try {
      writeFileSync(join(dir, 'nats-server'), '#!/bin/sh\n');
      chmodSync(join(dir, 'nats-server'), 0o755);
      expect(natsServerBinary({ PATH: dir })).toBe(join(dir, 'nats-server'));
      // Present but not executable: skipped.
      chmodSync(join(dir, 'nats-server'), 0o644);
      expect(natsServerBinary({ PATH: dir })).not.toBe(join(dir, 'nats-server'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds a server outside PATH in a well-known directory (/usr/sbin on Debian), and falls back to the bare name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nats-sbin-'));
    try {
      expect(natsServerBinary({ PATH: '/nonexistent' }, [dir])).toBe('nats-server');
      writeFileSync(join(dir, 'nats-server'), '#!/bin/sh\n');
      chmodSync(join(dir, 'nats-server'), 0o755);
      expect(natsServerBinary({ PATH: '/nonexistent' }, [dir])).toBe(join(dir, 'nats-server'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(WELL_KNOWN_BIN_DIRS).toEqual(expect.arrayContaining(['/usr/sbin', '/usr/local/bin']));
  });
});
