import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Worker } from 'node:worker_threads';
import { LANDING_THREAD_PROGRAM } from './landing-thread.program';

/** Each landing's ring shared with the thread: the bytes handed over and not yet written. */
const RING_BYTES = 4 * 1024 * 1024;
/** Copied bytes go to the thread in spans of this size: one write(2) per span, not one per socket read. */
const SPAN_BYTES = 1024 * 1024;

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
 * process. Pieces are copied into a ring of shared memory per landing: handing the socket's own
 * buffers over instead left them for the thread's collector, and a gigabyte raised the app's RSS by
 * about 100 MB.
 */
@Injectable()
export class MediaLandings implements OnApplicationShutdown {
  private readonly logger = new Logger('MediaLandings');
  private worker?: Worker;
  private nextId = 1;
  private readonly open = new Map<number, FileLanding>();

  /** Opens (or creates) a partial file for appending; its bytes already there are hashed first, off the event loop. */
  async land(path: string): Promise<FileLanding> {
    const landing = new FileLanding(this.nextId++, (m) => this.post(m));
    this.open.set(landing.id, landing);
    try {
      this.post({ op: 'open', id: landing.id, path, ring: landing.ring });
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

  private post(message: object): void {
    this.thread().postMessage(message);
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    // The thread's own heap holds a few small objects; the bytes are outside it. Small limits keep
    // its collections frequent, so pieces it has written are freed at once (the apps' RSS bound is 250 MB).
    const w = new Worker(LANDING_THREAD_PROGRAM, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 } });
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
  readonly ring = new SharedArrayBuffer(RING_BYTES);
  private readonly bytes = Buffer.from(this.ring);
  /** Next byte of the ring to fill, how many filled bytes the thread has not written yet, and how many of them it was not told of. */
  private head = 0;
  private used = 0;
  private unposted = 0;
  private failure?: Error;
  private resolveOpened!: () => void;
  private rejectOpened!: (e: Error) => void;
  private waiting?: { need: number; resolve: () => void; reject: (e: Error) => void };
  private closing?: { resolve: (f: LandedFile) => void; reject: (e: Error) => void };

  constructor(
    readonly id: number,
    private readonly post: (message: object) => void,
  ) {
    this.opened = new Promise((resolve, reject) => {
      this.resolveOpened = resolve;
      this.rejectOpened = reject;
    });
  }

  /**
   * Copies a piece into the ring for the thread to append. Answers nothing when it all fit, which is
   * the usual case; when the ring is full (the disk is slower than the socket) it answers a promise of
   * the rest being copied, and the reader should wait for it: memory stays at the ring's size.
   */
  write(piece: Buffer): Promise<void> | undefined {
    const off = this.copyIn(piece, 0);
    return off < piece.length ? this.copyRest(piece, off) : undefined;
  }

  private async copyRest(piece: Buffer, from: number): Promise<void> {
    for (let off = from; off < piece.length; off = this.copyIn(piece, off)) {
      // The thread may be waiting for bytes it was not told of yet.
      this.flush();
      const need = Math.min(piece.length - off, RING_BYTES - this.head, SPAN_BYTES);
      await new Promise<void>((resolve, reject) => (this.waiting = { need, resolve, reject }));
    }
  }

  /** Copies as much of the piece from `off` as the ring takes; answers where it stopped. */
  private copyIn(piece: Buffer, off: number): number {
    while (off < piece.length) {
      if (this.failure) throw this.failure;
      // A span never wraps: it runs to the ring's end at most, and the next starts at 0.
      const span = Math.min(piece.length - off, RING_BYTES - this.head, SPAN_BYTES);
      if (this.used + span > RING_BYTES) return off;
      piece.copy(this.bytes, this.head, off, off + span);
      this.head += span;
      this.used += span;
      this.unposted += span;
      off += span;
      if (this.unposted >= SPAN_BYTES || this.head === RING_BYTES) this.flush();
    }
    return off;
  }

  /** Tells the thread of the bytes copied since the last span; they end at `head`. */
  private flush(): void {
    if (this.unposted > 0) this.post({ op: 'write', id: this.id, at: this.head - this.unposted, bytes: this.unposted });
    this.unposted = 0;
    this.head %= RING_BYTES;
  }

  /** Waits for every write, fsyncs when asked (an offset answered to a sender must survive a crash), and closes. */
  close(opts: { sync: boolean }): Promise<LandedFile> {
    return new Promise<LandedFile>((resolve, reject) => {
      if (this.failure && !this.closing) {
        reject(this.failure);
        return;
      }
      this.closing = { resolve, reject };
      this.flush();
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
        this.used -= a.bytes;
        if (this.waiting && this.used + this.waiting.need <= RING_BYTES) {
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
