import { Injectable } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/** Wakes the media workers when work is written, so they need not wait for their next poll. */
@Injectable()
export class MediaSignals {
  private readonly emitter = new EventEmitter();

  jobQueued(): void {
    this.emitter.emit('job');
  }

  transferQueued(): void {
    this.emitter.emit('transfer');
  }

  on(what: 'job' | 'transfer', fn: () => void): () => void {
    this.emitter.on(what, fn);
    return () => this.emitter.off(what, fn);
  }
}
