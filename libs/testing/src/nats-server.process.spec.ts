import { existsSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { NatsServerProcess } from './nats-server.process';

const STREAM = 'FAULT_PROBE';
const SUBJECT = 'fault.probe';

// Fail fast instead of the client's default reconnect behaviour, so a dead
// server shows up as a rejected connect rather than a hang.
const connectOnce = (url: string): ReturnType<typeof connect> => connect({ servers: url, reconnect: false, timeout: 1_000 });

describe('NatsServerProcess', () => {
  let server: NatsServerProcess | undefined;

  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('keeps JetStream file-store state across a crash and restart, then cleans up', async () => {
    server = await NatsServerProcess.start();
    expect(server.url).toBe(`nats://127.0.0.1:${server.port}`);
    expect(existsSync(server.storeDir)).toBe(true);

    const nc = await connectOnce(server.url);
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: STREAM, subjects: [`${SUBJECT}.>`], storage: StorageType.File });
    const ack = await jetstream(nc).publish(`${SUBJECT}.a`, 'before-crash', { msgID: 'probe-1' });
    expect(ack).toMatchObject({ stream: STREAM, seq: 1, duplicate: false });
    expect((await jsm.streams.info(STREAM)).state.messages).toBe(1);
    await nc.close();

    await server.kill();
    expect(server.running).toBe(false);
    await expect(connectOnce(server.url)).rejects.toThrow();

    await server.restart();
    const nc2 = await connectOnce(server.url);
    try {
      const jsm2 = await jetstreamManager(nc2);
      expect((await jsm2.streams.info(STREAM)).state.messages).toBe(1);
      const stored = await jsm2.streams.getMessage(STREAM, { seq: 1 });
      expect(stored?.string()).toBe('before-crash');
      expect(stored?.header.get('Nats-Msg-Id')).toBe('probe-1');

      // Dedup state is rebuilt from the store, so a producer retrying after the crash is safe.
      const retry = await jetstream(nc2).publish(`${SUBJECT}.a`, 'before-crash', { msgID: 'probe-1' });
      expect(retry.duplicate).toBe(true);
    } finally {
      await nc2.close();
    }

    const storeDir = server.storeDir;
    await server.stop();
    server = undefined;
    expect(existsSync(storeDir)).toBe(false);
  }, 30_000);

  it('reports the server output when nats-server cannot start', async () => {
    await expect(NatsServerProcess.start({ args: ['--no-such-flag'] })).rejects.toThrow(/nats-server did not become ready[\s\S]*nats-server output/);
  });
});
