import { status } from '@grpc/grpc-js';
import { Injectable, Logger } from '@nestjs/common';
import { grpcError, invalidArgument } from '@syn/grpc';
import { rm, stat, writeFile } from 'node:fs/promises';
import { DataSource, EntityManager } from 'typeorm';
import { MediaLibrary } from '../media-library';
import { landStream } from './landing/land-stream';
import { LandedFile, MediaLandings } from './landing/media-landings';
import type { Readable } from 'node:stream';
import { upsertLinks } from './media-links';
import { MediaHoldingMessage, MediaOfferMessage } from './media-transfer.types';

/**
 * The parent's side of the upward hop, once the gate has let the offer in: says what this center
 * has of an object, appends bytes at the offset it reported (landed and hashed on the landing
 * thread), and stores the object only once its SHA-256 matches; media of a story taken down here
 * are answered "have" and never stored.
 */
@Injectable()
export class MediaReceiver {
  private readonly logger = new Logger('MediaTransfer');
  private readonly receiving = new Set<string>();

  constructor(
    private readonly library: MediaLibrary,
    private readonly landings: MediaLandings,
    private readonly dataSource: DataSource,
  ) {}

  /** What this center has of the object; an object another hosted center holds is shared without a byte moving. */
  async holding(offer: MediaOfferMessage): Promise<MediaHoldingMessage> {
    if (await this.takenDown(offer.storyId)) return { have: true, offset: offer.size };
    if (await this.library.holds(offer.toCenter, offer.sha256)) {
      await this.dataSource.transaction((m) => this.link(m, offer));
      return { have: true, offset: offer.size };
    }
    const [known]: Array<{ size: string }> = await this.dataSource.query(`SELECT size FROM media_objects WHERE sha256 = $1`, [offer.sha256]);
    if (known && (await this.library.store.sizeOf(offer.sha256)) === Number(known.size)) {
      await this.dataSource.transaction(async (m) => {
        await m.query(`INSERT INTO media_holdings (center_code, sha256, uploaded) VALUES ($1, $2, false) ON CONFLICT DO NOTHING`, [
          offer.toCenter,
          offer.sha256,
        ]);
        await this.link(m, offer);
      });
      return { have: true, offset: offer.size };
    }
    const part = await this.partSize(this.partPath(offer));
    if (part === undefined) await writeFile(this.partPath(offer), '');
    return { have: false, offset: String(part ?? 0) };
  }

  /**
   * Appends `body` (the bytes from `offset`) to the partial file. Answers where the file now ends,
   * or "have" once it holds the whole, verified object. A cut stream still lands and fsyncs what
   * came, so the next one resumes after it.
   */
  async receive(offer: MediaOfferMessage, offset: number, body: Readable): Promise<MediaHoldingMessage> {
    const started = performance.now();
    const path = this.partPath(offer);
    // One writer per partial file: a second sender (one whose lease ran out) would interleave appends.
    if (this.receiving.has(path))
      throw grpcError(status.ABORTED, `media ${offer.sha256} from ${offer.fromCenter} is already being received; send again when that stream ends`);
    this.receiving.add(path);
    try {
      const have = await this.partSize(path);
      if (have === undefined) return await this.holding(offer);
      if (have !== offset) return { have: false, offset: String(have) };
      const size = Number(offer.size);
      const landing = await this.landings.land(path);
      let at = landing.startSize;
      let landed: LandedFile;
      let closing = 0;
      try {
        await landStream(body, landing, (total) => {
          if (have + total > size) throw invalidArgument(`media ${offer.sha256}: bytes at ${have + total} run past the announced size ${size}`);
          at = have + total;
        });
      } finally {
        // Whatever came is kept and made durable: the offset the next stream starts from must survive a crash.
        closing = performance.now();
        landed = await landing.close({ sync: at > have });
      }
      if (landed.size < size) return { have: false, offset: String(landed.size) };
      return await this.complete(offer, path, landed.sha256, size, { bytes: landed.size - have, started, closeMs: performance.now() - closing });
    } finally {
      this.receiving.delete(path);
    }
  }

  /** `stream`: what the last stream carried and when it started, to log how long the bytes took to land. */
  private async complete(
    offer: MediaOfferMessage,
    path: string,
    got: string,
    size: number,
    stream: { bytes: number; started: number; closeMs: number },
  ): Promise<MediaHoldingMessage> {
    if (await this.takenDown(offer.storyId)) {
      await rm(path, { force: true });
      return { have: true, offset: offer.size };
    }
    if (got !== offer.sha256) {
      await rm(path, { force: true });
      this.logger.warn({ msg: 'media transfer did not verify; starting over', sha256: offer.sha256, from: offer.fromCenter, got });
      throw grpcError(status.DATA_LOSS, `media ${offer.sha256} from ${offer.fromCenter} hashed to ${got}; send it again from offset 0`);
    }
    await this.dataSource.transaction(async (m) => {
      await this.library.ingestTransferred(m, offer.toCenter, offer.sha256, path, size);
      await this.link(m, offer);
    });
    this.library.signalJob();
    this.logger.log({
      msg: 'media received',
      sha256: offer.sha256,
      from: offer.fromCenter,
      to: offer.toCenter,
      bytes: size,
      streamBytes: stream.bytes,
      streamMs: Math.round(performance.now() - stream.started),
      // The wait for the last writes and the fsync, within streamMs.
      closeMs: Math.round(stream.closeMs),
    });
    return { have: true, offset: String(size) };
  }

  private async takenDown(storyId: string): Promise<boolean> {
    const [tomb]: unknown[] = await this.dataSource.query(`SELECT 1 FROM tombstones WHERE story_id = $1`, [storyId]);
    return tomb !== undefined;
  }

  private async partSize(path: string): Promise<number | undefined> {
    try {
      return (await stat(path)).size;
    } catch {
      return undefined;
    }
  }

  private link(m: EntityManager, o: MediaOfferMessage): Promise<void> {
    return upsertLinks(m, [
      {
        center: o.toCenter,
        storyId: o.storyId,
        sha256: o.sha256,
        originCode: o.originCode,
        kind: o.kind,
        caption: o.caption || null,
        embargoUntil: o.embargoUntil || null,
      },
    ]);
  }

  private partPath(o: MediaOfferMessage): string {
    return this.library.scratchPath(`in-${o.toCenter}-${o.fromCenter}-${o.sha256}.part`);
  }
}
