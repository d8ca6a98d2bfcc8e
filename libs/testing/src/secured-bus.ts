import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNatsConfig, GeneratedNatsConfig, NatsCredential, provisionJetStream } from '@syn/messaging';
import { Center, CenterDirectory } from '@syn/network';
import { NatsServerProcess } from './nats-server.process';
import { JIANGXI } from './test-network';

/**
 * A private nats-server started with the configuration deploy/nats generates for the given
 * processes (per-process users limited to their centers' subjects), and JetStream provisioned by
 * the operator user, as in a real deployment.
 */
export class SecuredBus {
  private constructor(
    readonly nats: NatsServerProcess,
    readonly generated: GeneratedNatsConfig,
    readonly directory: CenterDirectory,
  ) {}

  static async start(processes: Record<string, string[]>, centers: Center[] = JIANGXI): Promise<SecuredBus> {
    const directory = new CenterDirectory(centers.map((c) => ({ ...c })));
    const generated = generateNatsConfig(directory, processes);
    const configFile = join(mkdtempSync(join(tmpdir(), 'syn-nats-auth-')), 'auth.conf');
    writeFileSync(configFile, generated.config, { mode: 0o600 });
    const nats = await NatsServerProcess.start({ configFile });
    const bus = new SecuredBus(nats, generated, directory);
    try {
      await provisionJetStream(nats.url, generated.ops, directory);
    } catch (e) {
      await nats.stop();
      throw e;
    }
    return bus;
  }

  get url(): string {
    return this.nats.url;
  }

  /** The credentials of one process, as NatsConnection options. */
  credentials(process: string): NatsCredential {
    const c = this.generated.processes[process];
    if (!c) throw new Error(`no NATS user for process ${process}`);
    return c;
  }

  get ops(): NatsCredential {
    return this.generated.ops;
  }

  /** App environment for a process. */
  env(process: string): Record<string, string> {
    const c = this.credentials(process);
    return { NATS_USER: c.user, NATS_PASSWORD: c.password };
  }

  async stop(): Promise<void> {
    await this.nats.stop();
  }
}
