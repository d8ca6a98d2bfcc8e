import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP forwarder standing for a network link (a county's line to the province): cut() drops
 * every connection through it and refuses new ones, restore() lets them through again. Both ends
 * stay up, as when a real line fails.
 */
export class TcpLink {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  static async open(port: number, target: { host: string; port: number }): Promise<TcpLink> {
    const link = new TcpLink(port, target);
    await link.restore();
    return link;
  }

  get up(): boolean {
    return this.server !== undefined;
  }

  async restore(): Promise<void> {
    if (this.server) return;
    const server = createServer((inbound) => {
      // A connection the kernel accepted just before cut() closed the listener: the line is down.
      if (this.server !== server) return void inbound.destroy();
      const outbound = connect(this.target.port, this.target.host);
      for (const s of [inbound, outbound]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => undefined);
      }
      inbound.on('close', () => outbound.destroy());
      outbound.on('close', () => inbound.destroy());
      inbound.pipe(outbound);
      outbound.pipe(inbound);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
