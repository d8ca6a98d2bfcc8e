// Asks the NATS server at NATS_URL for its JetStream account info: an open port is not enough, the
// apps need JetStream. Exits 0 when it answers, 3 when the server runs without JetStream, 1 otherwise.
// Plain CommonJS so it runs before anything is built (ensure-services.sh calls it).
'use strict';
const { connect } = require('@nats-io/transport-node');
const { jetstreamManager } = require('@nats-io/jetstream');

const url = process.env.NATS_URL || 'nats://127.0.0.1:4222';

async function main() {
  const nc = await connect({
    servers: url.split(','),
    user: process.env.NATS_USER || undefined,
    pass: process.env.NATS_PASSWORD || undefined,
    timeout: 3000,
    reconnect: false,
  });
  try {
    const jsm = await jetstreamManager(nc, { timeout: 3000 });
    const info = await jsm.getAccountInfo();
    process.stdout.write(`jetstream ok: ${info.streams} streams, ${info.consumers} consumers, ${info.storage} bytes stored\n`);
    return 0;
  } catch (e) {
    const text = String((e && e.message) || e);
    if (/jetstream (is )?not enabled|no responders|503/i.test(text)) {
      process.stderr.write(`${url} answers but JetStream is not enabled (${text})\n`);
      return 3;
    }
    throw e;
  } finally {
    await nc.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`${url}: ${(e && e.message) || e}\n`);
    process.exit(1);
  },
);
