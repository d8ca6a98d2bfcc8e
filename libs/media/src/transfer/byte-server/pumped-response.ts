import { Writable } from 'node:stream';

/** Pieces posted to the byte server's thread and not yet written to the child's socket, at most. */
const IN_FLIGHT = 4;

/**
 * The body of a GET whose bytes the app reads itself (a remote store the byte server cannot
 * open): each piece is posted to the byte server's thread, which writes it to the child's socket
 * and says when it has; at most a few are on their way, so a slow child holds the store's stream
 * back instead of filling memory.
 */
export class PumpedResponse extends Writable {
  private inFlight = 0;
  private waiting?: () => void;

  constructor(
    private readonly post: (message: object) => void,
    private readonly rid: number,
  ) {
    super({ highWaterMark: 1024 * 1024 });
  }

  /** The thread wrote a piece. */
  taken(): void {
    this.inFlight--;
    const next = this.waiting;
    this.waiting = undefined;
    next?.();
  }

  /** The child hung up: the store's stream stops; the child resumes from its partial file. */
  gone(): void {
    this.destroy(new Error('the child closed the connection'));
  }

  override _write(piece: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.post({ op: 'piece', rid: this.rid, buf: piece });
    this.inFlight++;
    if (this.inFlight < IN_FLIGHT) done();
    else this.waiting = () => done();
  }

  override _final(done: (e?: Error | null) => void): void {
    this.post({ op: 'end', rid: this.rid });
    done();
  }

  override _destroy(e: Error | null, done: (e?: Error | null) => void): void {
    if (e) this.post({ op: 'abort', rid: this.rid });
    this.waiting = undefined;
    done(e);
  }
}
