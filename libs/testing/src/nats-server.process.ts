import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isRunning, signalAndWait, trackChild, type ExitInfo } from './child-process-registry';
import { findFreePort } from './free-port';
import { LineRingBuffer } from './line-ring-buffer';
import { natsServerBinary } from './nats-server-binary';
import { canConnect, sleep } from './tcp-probe';

export interface NatsServerStartOptions {
  /** Defaults to a free port on 127.0.0.1. */
  port?: number;
  /** Defaults to a fresh temp dir that stop() removes; a given dir is left alone. */
  storeDir?: string;
  /** Passed as `-c`. */
  configFile?: string;
  /** Extra command-line arguments appended last. */
  args?: string[];
  /** Defaults to 10 s. */
  readyTimeoutMs?: number;
  /**
   * Defaults to true: JetStream on, in storeDir, from the command line. False leaves it to the
   * config file (a cluster node's jetstream block; a county's leaf server has none).
   */
  jetstream?: boolean;
}

const HOST = '127.0.0.1';
const BINARY = natsServerBinary();

// Temp stores of servers never stopped (a crashed or aborted test) would pile
// up in the temp dir; the exit hook removes them once the servers are killed.
const ownedStoreDirs = new Set<string>();
let cleanupInstalled = false;

function removeOnExit(dir: string): void {
  if (!cleanupInstalled) {
    cleanupInstalled = true;
    process.once('exit', () => {
      for (const d of ownedStoreDirs) {
        try {
          rmSync(d, { recursive: true, force: true, maxRetries: 3 });
        } catch {
          // Best effort: nothing useful can be done this late.
        }
      }
    });
  }
  ownedStoreDirs.add(dir);
}

/**
 * A private nats-server with JetStream, for tests that need to kill or
 * restart the broker without disturbing the shared one. Restarts reuse the
 * port and store dir so clients can reconnect and JetStream state survives.
 */
export class NatsServerProcess {
  private child: ChildProcess | undefined;
  private readonly output = new LineRingBuffer(200);

  private constructor(
    readonly port: number,
    readonly storeDir: string,
    private readonly ownsStoreDir: boolean,
    private readonly configFile: string | undefined,
    private readonly extraArgs: readonly string[],
    private readonly readyTimeoutMs: number,
    private readonly jetstream: boolean,
  ) {}

  static async start(opts: NatsServerStartOptions = {}): Promise<NatsServerProcess> {
    const port = opts.port ?? (await findFreePort(HOST));
    const storeDir = opts.storeDir ?? (await mkdtemp(join(tmpdir(), 'nats-js-')));
    if (opts.storeDir === undefined) removeOnExit(storeDir);
    const server = new NatsServerProcess(
      port,
      storeDir,
      opts.storeDir === undefined,
      opts.configFile,
      opts.args ?? [],
      opts.readyTimeoutMs ?? 10_000,
      opts.jetstream ?? true,
    );
    try {
      await server.launch();
    } catch (err) {
      await server.stop();
      throw err;
    }
    return server;
  }

  get url(): string {
    return `nats://${HOST}:${this.port}`;
  }

  get running(): boolean {
    return this.child !== undefined && isRunning(this.child);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Recent server log output, for assertion messages. */
  logs(): string {
    return this.output.text();
  }

  /** Simulates a crash by default; awaits the exit so the port is free afterwards. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ExitInfo | undefined> {
    if (!this.child) return undefined;
    return signalAndWait(this.child, signal);
  }

  /** Brings the server back on the same port and store, stopping it gracefully first if needed. */
  async restart(): Promise<void> {
    if (this.running) {
      await this.terminate();
    }
    await this.launch();
  }

  async stop(): Promise<void> {
    if (this.child) {
      await this.terminate();
    }
    if (this.ownsStoreDir) {
      await rm(this.storeDir, { recursive: true, force: true });
      ownedStoreDirs.delete(this.storeDir);
    }
  }

  private async terminate(): Promise<void> {
    const child = this.child;
    if (!child || !isRunning(child)) return;
    // JetStream flushes on SIGTERM; escalate if it hangs so tests never stall.
    const escalation = setTimeout(() => child.kill('SIGKILL'), 10_000);
    try {
      await signalAndWait(child, 'SIGTERM');
    } finally {
      clearTimeout(escalation);
    }
  }

  private async launch(): Promise<void> {
    const args = [...(this.jetstream ? ['-js', '-sd', this.storeDir] : []), '-a', HOST, '-p', String(this.port)];
    if (this.configFile) args.push('-c', this.configFile);
    args.push(...this.extraArgs);

    const child = spawn(BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    trackChild(child);

    let failure: string | undefined;
    child.on('error', (err) => {
      failure = `could not spawn ${BINARY}: ${err.message}`;
    });
    child.once('exit', (code, signal) => {
      failure ??= `${BINARY} exited (code ${code}, signal ${signal})`;
    });
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) if (line) this.output.push(line);
      });
    }

    const deadline = Date.now() + this.readyTimeoutMs;
    while (Date.now() < deadline) {
      if (failure === undefined && (await canConnect(HOST, this.port, 500))) {
        // A stale listener from someone else would also accept; make sure ours is alive.
        if (isRunning(child)) return;
      }
      if (failure !== undefined) break;
      await sleep(50);
    }
    if (isRunning(child)) {
      await signalAndWait(child, 'SIGKILL');
    }
    throw new Error(
      `nats-server did not become ready on ${this.url}` +
        (failure ? ` (${failure})` : ` within ${this.readyTimeoutMs} ms`) +
        `\n--- nats-server output ---\n${this.logs()}`,
    );
  }
}
