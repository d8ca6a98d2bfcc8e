import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { findFreePort } from './free-port';

describe('findFreePort', () => {
  it('gives a port below the ephemeral range, where outgoing connections cannot take it, and it can be listened on', async () => {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    // The lane's own range when the suite gives it one (npm test does), else the default from 20000.
    const from = Number(/^(\d+)-/.exec(process.env.TEST_PORT_RANGE ?? '')?.[1] ?? 20_000);
    const port = await findFreePort();
    expect(port).toBeGreaterThanOrEqual(from);
    expect(port).toBeLessThan(low);
    const server = createServer();
    await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
    // Taken now: another probe must not hand it out again.
    for (let i = 0; i < 20; i++) expect(await findFreePort()).not.toBe(port);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('never hands out the same port twice in one process, even when nothing has bound it yet', async () => {
    const ports = await Promise.all(Array.from({ length: 200 }, () => findFreePort()));
    expect(new Set(ports).size).toBe(ports.length);
  });

  it('draws from TEST_PORT_RANGE when a test lane is given one, so lanes running side by side never share a port', async () => {
    const before = process.env.TEST_PORT_RANGE;
    process.env.TEST_PORT_RANGE = '23000-23200';
    try {
      const ports = await Promise.all(Array.from({ length: 50 }, () => findFreePort()));
      for (const p of ports) {
        expect(p).toBeGreaterThanOrEqual(23_000);
        expect(p).toBeLessThan(23_200);
      }
    } finally {
      if (before === undefined) delete process.env.TEST_PORT_RANGE;
      else process.env.TEST_PORT_RANGE = before;
    }
  });
});
