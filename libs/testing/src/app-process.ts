import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createInterface } from 'node:readline';
import { isRunning, signalAndWait, trackChild, waitForExit, type ExitInfo } from './child-process-registry';
import { LineRingBuffer } from './line-ring-buffer';
import { sleep } from './tcp-probe';

export interface AppProcessOptions {
  /** Merged over process.env; a value of undefined removes the variable. */
  env?: Record<string, string | undefined>;
  /** Arguments after the entry file. */
  args?: string[];
  /** Arguments for node itself, before the entry file (e.g. --enable-source-maps). */
  nodeArgs?: string[];
  cwd?: string;
  /** Label used when echoing output; defaults to the entry file name. */
  name?: string;
}

const LOG_LINES = 500;
const STOP_GRACE_MS = 10_000;

/**
 * A built app (`node dist/.../main.js`) running as a real OS process, so
 * end-to-end and fault tests can crash it, restart it and read its logs.
 * Set DEBUG_APPS=1 to echo its output live while a test runs, and TEST_APP_LOG_DIR to keep all of
 * it in `<dir>/<name>.log` (the ring buffer holds only the last lines, too few to follow a story
 * through a fault scenario).
 */
export class AppProcess {
  private readonly buffer = new LineRingBuffer(LOG_LINES);
  private readonly lineListeners = new Set<(line: string) => void>();

  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
  ) {
    trackChild(child);
    // Without a listener a late 'error' (e.g. a failed kill) would crash the test runner.
    child.on('error', (err) => this.buffer.push(`[${this.name}] process error: ${err.message}`));
    const echo = process.env.DEBUG_APPS === '1';
    const file = logFile(this.name);
    child.once('close', () => file?.end());
    for (const stream of [child.stdout, child.stderr]) {
      if (!stream) continue;
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
        this.buffer.push(line);
        if (echo) process.stderr.write(`[${this.name}] ${line}\n`);
        file?.write(`${line}\n`);
        for (const listener of this.lineListeners) listener(line);
      });
    }
  }

  /** Resolves once the OS has started the process; rejects if node cannot be spawned. */
  static start(entry: string, opts: AppProcessOptions = {}): Promise<AppProcess> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const [key, value] of Object.entries(opts.env ?? {})) {
      if (value === undefined) delete env[key];
      else env[key] = value;
    }
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), entry, ...(opts.args ?? [])], {
      cwd: opts.cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const app = new AppProcess(opts.name ?? basename(entry), child);
    return new Promise((resolve, reject) => {
      child.once('spawn', () => resolve(app));
      child.once('error', reject);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return isRunning(this.child);
  }

  /** Resolves when the process exits, for whatever reason. */
  exited(): Promise<ExitInfo> {
    return waitForExit(this.child);
  }

  /** The last 500 output lines (stdout and stderr interleaved), for failure messages. */
  logs(): string {
    return this.buffer.text();
  }

  /** Polls until the URL answers 200; fails early if the process dies. */
  async waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = 'no attempt made';
    while (Date.now() < deadline) {
      this.assertRunning(`while waiting for ${url}`);
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(Math.min(2_000, timeoutMs)) });
        // Drain the body so the keep-alive socket is released.
        await res.arrayBuffer().catch(() => undefined);
        if (res.status === 200) return;
        last = `HTTP ${res.status}`;
      } catch (err) {
        last = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      }
      await sleep(200);
    }
    throw this.failure(`${url} did not answer 200 within ${timeoutMs} ms (last: ${last})`);
  }

  /**
   * Resolves with the first output line matching the pattern. Lines already
   * captured count too, so a line printed before the call is not missed.
   */
  waitForLine(pattern: RegExp, timeoutMs = 30_000): Promise<string> {
    // A global/sticky regexp keeps lastIndex between test() calls and would skip matches.
    const re = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
    const seen = this.buffer.snapshot().find((line) => re.test(line));
    if (seen !== undefined) return Promise.resolve(seen);

    return new Promise((resolve, reject) => {
      const cleanup = (): void => {
        clearTimeout(timer);
        this.lineListeners.delete(onLine);
        this.child.off('exit', onExit);
      };
      const onLine = (line: string): void => {
        if (re.test(line)) {
          cleanup();
          resolve(line);
        }
      };
      const onExit = (): void => {
        // Let readline deliver the final lines before deciding it never matched.
        setImmediate(() => {
          if (!this.lineListeners.has(onLine)) return;
          cleanup();
          reject(this.failure(`exited before printing a line matching ${pattern}`));
        });
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(this.failure(`no line matching ${pattern} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.lineListeners.add(onLine);
      if (this.running) this.child.once('exit', onExit);
      else onExit();
    });
  }

  /** Simulates a crash by default; resolves once the process is gone. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<ExitInfo> {
    return signalAndWait(this.child, signal);
  }

  /** Graceful shutdown, escalating to SIGKILL if the app does not exit in time. */
  async stop(graceMs = STOP_GRACE_MS): Promise<ExitInfo> {
    if (!this.running) return waitForExit(this.child);
    const escalation = setTimeout(() => {
      if (this.running) this.child.kill('SIGKILL');
    }, graceMs);
    try {
      return await signalAndWait(this.child, 'SIGTERM');
    } finally {
      clearTimeout(escalation);
    }
  }

  private assertRunning(context: string): void {
    if (!this.running) {
      throw this.failure(`exited (code ${this.child.exitCode}, signal ${this.child.signalCode}) ${context}`);
    }
  }

  private failure(message: string): Error {
    return new Error(`${this.name} ${message}\n--- ${this.name} output (last ${LOG_LINES} lines) ---\n${this.logs()}`);
  }
}

/** Appends to the app's log file when TEST_APP_LOG_DIR asks for one (restarts append to the same file). */
function logFile(name: string) {
  const dir = process.env.TEST_APP_LOG_DIR;
  if (!dir) return undefined;
  mkdirSync(dir, { recursive: true });
  const stream = createWriteStream(join(dir, `${name}.log`), { flags: 'a' });
  stream.on('error', () => undefined);
  return stream;
}
