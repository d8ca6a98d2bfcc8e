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
 *
 * A port is handed out once per test process: a network asks for all its apps' ports before any app
 * binds, and two draws of the same free port would start two apps on it (the second dies with
 * EADDRINUSE while the first answers its health check).
 */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  for (;;) {
    const port = await probeFreePort(host);
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
}

const handedOut = new Set<number>();

async function probeFreePort(host: string): Promise<number> {
  const [from, to] = portRange();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = from + Math.floor(Math.random() * (to - from));
    if (await canListen(host, port)) return port;
  }
  return listenOnAny(host);
}

/**
 * Where ports are drawn from. Test lanes that run side by side each get their own range
 * (TEST_PORT_RANGE=from-to): the once-per-process rule above cannot see another process's draws.
 */
function portRange(): [number, number] {
  const lane = /^(\d+)-(\d+)$/.exec(process.env.TEST_PORT_RANGE ?? '');
  if (lane && Number(lane[1]) >= 1024 && Number(lane[2]) > Number(lane[1])) return [Number(lane[1]), Number(lane[2])];
  const [low] = ephemeralRange();
  // From 20000: fetch refuses a few well-known ports below it (10080 among them), whatever listens there.
  const from = 20_000;
  return [from, Math.max(from + 1_000, low - 1)];
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
