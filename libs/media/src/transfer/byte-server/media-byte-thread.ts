import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { MEDIA_TRANSFER_PATH } from '../media-transfer.wire';
import { BYTE_SERVER_THREAD_PROGRAM } from './byte-server-thread.program';
import { HASH_FOLLOWER_THREAD_PROGRAM } from './hash-follower-thread.program';

/** A socket that carried no byte for this long is closed; the transfer resumes at its offset. */
const IDLE_MS = 60_000;
/** A byte thread that stopped is started again after this long. */
const RESTART_MS = 1000;

/** What a pull brought: the parent's refusal, or the offer it sent and where the partial file now ends. */
export interface Fetched {
  /** The parent's HTTP status; undefined when no answer came (the connection failed). */
  status?: number;
  /** A refusal's body. */
  text?: string;
  /** The `x-syn-media-offer` header of a 200. */
  offer?: string;
  /** Where the partial file ended before this pull, and where it ends now. */
  start?: number;
  size?: number;
  /** SHA-256 of the whole partial file, once the body ended. */
  sha256?: string;
  /** The body stopped before its end (cut, stopped, timed out). */
  cut?: boolean;
  /** Bytes past the object's size. */
  refused?: string;
  /** The partial file was longer than the object: it must go, and the pull start again from 0. */
  tooLong?: boolean;
  error?: string;
}

export interface ThreadListener {
  onMessage(m: { op: string } & Record<string, unknown>): void;
  /** The thread stopped with every socket it had. */
  onLost(): void;
}

/**
 * The thread that moves media bytes for this process, off the event loop (`byte-server-thread.program.ts`):
 * it serves the byte path to children when `listen` is asked (`MediaByteServer`), and pulls objects
 * from this center's parent into partial files (`fetch`). Started when first needed, started again
 * within a second if it stops, listening again where it listened.
 */
@Injectable()
export class MediaByteThread implements OnApplicationShutdown {
  private readonly logger = new Logger('MediaByteThread');
  private worker?: Worker;
  private stopping = false;
  private listening?: { host: string; port: number; listener: ThreadListener; ready: (port: number) => void; failed: (e: Error) => void };
  private readonly fetches = new Map<number, (f: Fetched) => void>();
  private nextFid = 1;

  /** Serves the byte path on host:port; resolves with the port once listening. */
  listen(host: string, port: number, listener: ThreadListener): Promise<number> {
    return new Promise<number>((ready, failed) => {
      this.listening = { host, port, listener, ready, failed };
      this.post({ op: 'listen', host, port });
    });
  }

  /**
   * Pulls an object from `url` (the parent's byte path, without `offset`: the thread asks from where
   * the partial file at `path` ends) into that file. Aborting the signal cuts the body; what came is kept.
   */
  fetch(o: { url: string; headers: Record<string, string>; path: string; maxBytes: number }, signal?: AbortSignal): Promise<Fetched> {
    const fid = this.nextFid++;
    return new Promise<Fetched>((resolve) => {
      this.fetches.set(fid, resolve);
      this.post({ op: 'fetch', fid, ...o });
      signal?.addEventListener('abort', () => this.worker?.postMessage({ op: 'stop-fetch', fid }), { once: true });
    });
  }

  post(message: object): void {
    this.thread().postMessage(message);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(BYTE_SERVER_THREAD_PROGRAM, {
      eval: true,
      workerData: { idleMs: IDLE_MS, pathPrefix: `/${MEDIA_TRANSFER_PATH}/`, hashProgram: HASH_FOLLOWER_THREAD_PROGRAM },
      // Small limits keep the thread's collections frequent and cheap: socket buffers are freed as they die.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
    });
    // The thread never keeps the app alive by itself.
    w.unref();
    this.worker = w;
    w.on('message', (m: { op: string } & Record<string, unknown>) => this.onMessage(m));
    const lost = (e: Error) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      for (const resolve of this.fetches.values()) resolve({ error: `the media byte thread stopped: ${e.message}`, cut: true });
      this.fetches.clear();
      this.listening?.listener.onLost();
      if (this.stopping) return;
      this.logger.error({ msg: 'media byte thread stopped; starting it again', err: e.message });
      if (this.listening)
        setTimeout(() => {
          const l = this.listening;
          if (!this.stopping && l && !this.worker) this.post({ op: 'listen', host: l.host, port: l.port });
        }, RESTART_MS).unref();
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    return w;
  }

  private onMessage(m: { op: string } & Record<string, unknown>): void {
    const l = this.listening;
    switch (m.op) {
      case 'fetched': {
        const resolve = this.fetches.get(m.fid as number);
        this.fetches.delete(m.fid as number);
        resolve?.(m as Fetched);
        return;
      }
      case 'listening':
        this.logger.log({ msg: 'media byte server listening', host: l?.host, port: m.port });
        l?.ready(m.port as number);
        return;
      case 'failed-to-listen': {
        const e = new Error(`the media byte server cannot listen on ${l?.host}:${l?.port}: ${String(m.message)}`);
        this.logger.error({ msg: 'media byte server error', err: e.message });
        l?.failed(e);
        return;
      }
      default:
        l?.listener.onMessage(m);
    }
  }
}
