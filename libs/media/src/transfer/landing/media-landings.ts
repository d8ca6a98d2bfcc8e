import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { LANDING_THREAD_PROGRAM } from './landing-thread.program';

/** Bytes handed to the thread and not yet written: above this a landing's writer waits. */
const IN_FLIGHT_BYTES = 16 * 1024 * 1024;

type Answer =
  | { id: number; op: 'opened'; size: number }
  | { id: number; op: 'written'; bytes: number }
  | { id: number; op: 'closed'; size: number; sha256: string }
  | { id: number; op: 'failed'; message: string };

export interface LandedFile {
  /** Bytes in the file when it was closed. */
  size: number;
  /** SHA-256 of all of them, the bytes that were there before this landing included. */
  sha256: string;
}

/**
 * Incoming media bytes land on a thread of their own: it appends each piece to the partial file
 * and hashes it, while the event loop only reads the socket. Hashing on the event loop cost as much
 * as the socket and the disk together (SHA-256 runs at about 1.1 GB/s here), and a 4 GB video would
 * have held every other request of the app behind it. One thread serves every landing of the
 * process; pieces are handed over without copying where the socket's buffer is the piece's own.
 */
@Injectable()
export class MediaLandings implements OnApplicationShutdown {
  private readonly logger = new Logger('MediaLandings');
  private worker?: Worker;
  private nextId = 1;
  private readonly open = new Map<number, FileLanding>();

  /** Opens (or creates) a partial file for appending; its bytes already there are hashed first, off the event loop. */
  async land(path: string): Promise<FileLanding> {
    const landing = new FileLanding(this.nextId++, (m, t) => this.post(m, t));
    this.open.set(landing.id, landing);
    try {
      this.post({ op: 'open', id: landing.id, path });
      await landing.opened;
    } catch (e) {
      this.open.delete(landing.id);
      throw e;
    }
    return landing;
  }

  async onApplicationShutdown(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }

  private post(message: object, transfer?: ArrayBuffer[]): void {
    this.thread().postMessage(message, transfer);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(LANDING_THREAD_PROGRAM, { eval: true });
    // The thread never keeps the app alive: a landing in progress holds its own socket open.
    w.unref();
    w.on('message', (a: Answer) => {
      const landing = this.open.get(a.id);
      if (!landing) return;
      if (a.op === 'closed' || a.op === 'failed') this.open.delete(a.id);
      landing.answer(a);
    });
    const lost = (e: Error) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.logger.error({ msg: 'media landing thread stopped; its transfers resume from their partial files', err: e.message });
      for (const l of this.open.values()) l.answer({ id: l.id, op: 'failed', message: `the landing thread stopped: ${e.message}` });
      this.open.clear();
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(new Error(`exit code ${code}`)));
    this.worker = w;
    return w;
  }
}

/** One partial file being appended on the landing thread. */
export class FileLanding {
  /** Bytes the file had when it was opened: where this landing's bytes start. */
  startSize = 0;
  readonly opened: Promise<void>;
  private inFlight = 0;
  private failure?: Error;
  private resolveOpened!: () => void;
  private rejectOpened!: (e: Error) => void;
  private waiting?: { resolve: () => void; reject: (e: Error) => void };
  private closing?: { resolve: (f: LandedFile) => void; reject: (e: Error) => void };

  constructor(
    readonly id: number,
    private readonly post: (message: object, transfer?: ArrayBuffer[]) => void,
  ) {
    this.opened = new Promise((resolve, reject) => {
      this.resolveOpened = resolve;
      this.rejectOpened = reject;
    });
  }

  /**
   * Hands a piece to the thread. The piece must not be used afterwards: its memory may move to the
   * thread. Resolves at once unless more than 16 MB wait for the disk, so a slow disk slows the
   * reader instead of filling memory.
   */
  async write(piece: Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    if (piece.length === 0) return;
    const whole = piece.byteOffset === 0 && piece.buffer.byteLength === piece.length && piece.buffer instanceof ArrayBuffer;
    const bytes = whole ? new Uint8Array(piece.buffer) : new Uint8Array(piece);
    this.inFlight += bytes.byteLength;
    try {
      this.post({ op: 'write', id: this.id, bytes }, [bytes.buffer as ArrayBuffer]);
    } catch {
      // A buffer Node keeps for itself cannot move to another thread: it goes as a copy.
      const copy = new Uint8Array(piece);
      this.post({ op: 'write', id: this.id, bytes: copy }, [copy.buffer]);
    }
    if (this.inFlight > IN_FLIGHT_BYTES) {
      await new Promise<void>((resolve, reject) => (this.waiting = { resolve, reject }));
    }
  }

  /** Waits for every write, fsyncs when asked (an offset answered to a sender must survive a crash), and closes. */
  close(opts: { sync: boolean }): Promise<LandedFile> {
    return new Promise<LandedFile>((resolve, reject) => {
      if (this.failure && !this.closing) {
        reject(this.failure);
        return;
      }
      this.closing = { resolve, reject };
      this.post({ op: 'close', id: this.id, sync: opts.sync });
    });
  }

  /** @internal the thread's answers about this file. */
  answer(a: Answer): void {
    switch (a.op) {
      case 'opened':
        this.startSize = a.size;
        this.resolveOpened();
        return;
      case 'written':
        this.inFlight -= a.bytes;
        if (this.waiting && this.inFlight <= IN_FLIGHT_BYTES / 2) {
          this.waiting.resolve();
          this.waiting = undefined;
        }
        return;
      case 'closed':
        this.closing?.resolve({ size: a.size, sha256: a.sha256 });
        return;
      case 'failed': {
        const e = new Error(a.message);
        this.failure = e;
        this.rejectOpened(e);
        this.waiting?.reject(e);
        this.waiting = undefined;
        this.closing?.reject(e);
        return;
      }
    }
  }
}
