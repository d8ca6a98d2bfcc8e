import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * An unused TCP port on the given host, for a test process to listen on.
 *
 * Ports come from below the kernel's ephemeral range. A port the kernel hands out for `listen(0)`
 * lies inside that range, and so does the local port of every outgoing connection; between this
 * probe and the app's bind, another app's connection to PostgreSQL or NATS could take it (seen as
 * EADDRINUSE on an app's gRPC port). Below the range only another listener can, and the probe
 * checks for that. Falls back to a kernel-chosen port if none is found.
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  const [low] = ephemeralRange();
  // From 20000: fetch refuses a few well-known ports below it (10080 among them), whatever listens there.
  const from = 20_000;
  const to = Math.max(from + 1_000, low - 1);
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = from + Math.floor(Math.random() * (to - from));
    if (await canListen(host, port)) return port;
  }
  return listenOnAny(host);
}

function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low > 0 && high >= low) return [low, high];
  } catch {
    // Not Linux: the IANA range.
  }
  return [49152, 65535];
}

function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

function listenOnAny(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error('could not determine a free port'));
        return;
      }
      const { port } = address;
      server.close((err) => (err ? reject(err) : resolve(port)));
    });
  });
}
