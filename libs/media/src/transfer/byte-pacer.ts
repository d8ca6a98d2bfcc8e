import { Transform, TransformCallback } from 'node:stream';

/**
 * Passes bytes through no faster than `bytesPerSecond` (0: as fast as they come), and reports how
 * many went by. A county on a thin uplink sets a rate so that a video going up does not take the
 * line its editors are working on; the tests use it to catch a transfer in the middle.
 */
export class BytePacer extends Transform {
  private passed = 0;
  private readonly started = performance.now();

  constructor(
    private readonly bytesPerSecond: number,
    private readonly onProgress?: (bytes: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.passed += chunk.length;
    this.onProgress?.(this.passed);
    const wait = this.bytesPerSecond > 0 ? (this.passed / this.bytesPerSecond) * 1000 - (performance.now() - this.started) : 0;
    if (wait <= 0) return done(null, chunk);
    setTimeout(() => done(null, chunk), wait);
  }
}
