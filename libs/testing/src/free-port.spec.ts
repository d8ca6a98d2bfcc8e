import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { findFreePort } from './free-port';

describe('findFreePort', () => {
  it('gives a port below the ephemeral range, where outgoing connections cannot take it, and it can be listened on', async () => {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    const port = await findFreePort();
    expect(port).toBeGreaterThanOrEqual(20_000);
    expect(port).toBeLessThan(low);
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    // Taken now: another probe must not hand it out again.
    for (let i = 0; i < 20; i++) expect(await findFreePort()).not.toBe(port);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
