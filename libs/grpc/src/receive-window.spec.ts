import { Server, ServerCredentials } from '@grpc/grpc-js';
import { connect } from 'node:http2';
import { GRPC_RECEIVE_WINDOW_BYTES, widenReceiveWindows } from './receive-window';

describe('widenReceiveWindows', () => {
  let server: Server;
  afterEach(() => server?.forceShutdown());

  it('lets a peer send 8 MB per stream and per connection before the server must read', async () => {
    server = new Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    // Fails when a grpc-js upgrade moves its listeners: the transfers would quietly slow down.
    expect(widenReceiveWindows(server)).toBe(1);

    const session = connect(`http://127.0.0.1:${port}`);
    try {
      const settings = await new Promise<{ initialWindowSize?: number }>((resolve) => session.once('remoteSettings', resolve));
      expect(settings.initialWindowSize).toBe(GRPC_RECEIVE_WINDOW_BYTES);
      // The connection window grows by a WINDOW_UPDATE right after the settings.
      for (let i = 0; i < 50 && session.state.remoteWindowSize! < GRPC_RECEIVE_WINDOW_BYTES; i++) await new Promise((r) => setTimeout(r, 20));
      expect(session.state.remoteWindowSize).toBe(GRPC_RECEIVE_WINDOW_BYTES);
    } finally {
      session.destroy();
    }
  });
});
