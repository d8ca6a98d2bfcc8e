import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { readdir, rm, stat } from 'node:fs/promises';
import { MediaLibrary } from '../media-library';

/** A partial file nobody has appended to for this long is given up: its transfer, if it ever resumes, starts over. */
const STALE_MS = 24 * 60 * 60 * 1000;
const SWEEP_EVERY_MS = 60 * 60 * 1000;
const PARTIAL = /^(?:in|pull)-(\d{6})-(\d{6})-([0-9a-f]{64})\.part$/;

/**
 * The scratch files of transfers under way, one per receiving center, sending neighbour and
 * object: bytes received up (`in-…`, at a parent) or pulled down (`pull-…`, at a child). They are
 * named here only, removed with the last link of their object at that center (a takedown leaves
 * no partial copy behind), and swept when nothing has touched them for a day.
 */
@Injectable()
export class PartialFiles implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MediaPartialFiles');
  private timer?: NodeJS.Timeout;

  constructor(private readonly library: MediaLibrary) {}

  /** Bytes a child sends up to `to`. */
  incoming(to: string, from: string, sha256: string): string {
    return this.library.scratchPath(`in-${to}-${from}-${sha256}.part`);
  }

  /** Bytes `to` pulls down from its parent `from`. */
  pulled(to: string, from: string, sha256: string): string {
    return this.library.scratchPath(`pull-${to}-${from}-${sha256}.part`);
  }

  /** Removes every partial file of these objects at `center`, from whichever neighbour. */
  async removeFor(center: string, sha256s: readonly string[]): Promise<void> {
    if (sha256s.length === 0) return;
    const objects = new Set(sha256s);
    await this.removeWhere((m) => m[1] === center && objects.has(m[3]!), 'taken down');
  }

  /** Removes partial files nothing has appended to for a day. */
  sweep(now = Date.now()): Promise<void> {
    return this.removeWhere(async (_m, path) => now - (await stat(path)).mtimeMs > STALE_MS, 'untouched for a day');
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweep().catch((e: Error) => this.logger.error({ msg: 'partial media files could not be swept', err: e.message }));
    }, SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  private async removeWhere(pick: (m: RegExpExecArray, path: string) => boolean | Promise<boolean>, why: string): Promise<void> {
    for (const name of await readdir(this.library.scratch)) {
      const m = PARTIAL.exec(name);
      const path = this.library.scratchPath(name);
      try {
        if (!m || !(await pick(m, path))) continue;
        await rm(path, { force: true });
        this.logger.log({ msg: 'partial media file removed', file: name, why });
      } catch (e) {
        // Gone meanwhile (a transfer finished and stored it): nothing to remove.
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      }
    }
  }
}
