import { createServer } from 'node:net';

/**
 * Asks the kernel for an unused TCP port on the given host.
 *
 * There is a small race between closing the probe socket and the caller
 * binding the port; for test processes on a loopback address that is an
 * acceptable trade for not maintaining a port registry.
 */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
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
