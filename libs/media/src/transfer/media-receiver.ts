import { status } from '@grpc/grpc-js';
import { Injectable, Logger } from '@nestjs/common';
import { grpcError, invalidArgument } from '@syn/grpc';
import { rm, stat, writeFile } from 'node:fs/promises';
import { DataSource, EntityManager } from 'typeorm';
import { MediaLibrary } from '../media-library';
import { MediaTypeNotAccepted } from '../media-type-not-accepted';
import { upsertLinks } from './media-links';
import { PartialFiles } from './partial-files';
import { MediaHoldingMessage, MediaOfferMessage } from './media-transfer.types';

/** What one request's bytes did to a partial file, as the byte server reports it. */
export interface LandedBytes {
  /** Where the file ended before them, and where it ends now. */
  start: number;
  size: number;
  /** SHA-256 of the whole file as it now is, when it could be read back. */
  sha256?: string;
  /** Bytes the byte server would not append (past the announced size). */
  refused?: string;
  /** The file could not be written or read back. */
  error?: string;
  /** When the request was admitted (`performance.now()`), to log how long the bytes took. */
  startedAt: number;
}

/**
 * The parent's side of the upward hop, once the gate has let the offer in: says what this center
 * has of an object, admits bytes at the offset it reported (appended and hashed by the
 * byte server's threads), and stores the object only once its SHA-256 matches; media of a story taken down here
 * are answered "have" and never stored.
 */
@Injectable()
export class MediaReceiver {
  private readonly logger = new Logger('MediaTransfer');
  private readonly receiving = new Set<string>();

  constructor(
    private readonly library: MediaLibrary,
    private readonly dataSource: DataSource,
    private readonly partials: PartialFiles,
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
   * Admits a request of bytes from `offset`: answers what this center holds when the bytes cannot
   * go on the end of its partial file (none yet, or it ends elsewhere, so the sender realigns), or
   * the partial file to append them to. That file is then this request's until `landed` or
   * `abandon`: a second sender (one whose lease ran out) would interleave appends.
   */
  async admit(offer: MediaOfferMessage, offset: number): Promise<{ path: string } | { answer: MediaHoldingMessage }> {
    const path = this.partPath(offer);
    if (this.receiving.has(path))
      throw grpcError(status.ABORTED, `media ${offer.sha256} from ${offer.fromCenter} is already being received; send again when that stream ends`);
    this.receiving.add(path);
    try {
      const have = await this.partSize(path);
      if (have === undefined) {
        this.receiving.delete(path);
        return { answer: await this.holding(offer) };
      }
      if (have !== offset) {
        this.receiving.delete(path);
        return { answer: { have: false, offset: String(have) } };
      }
      return { path };
    } catch (e) {
      this.receiving.delete(path);
      throw e;
    }
  }

  /**
   * What a request's bytes did to the partial file: where it now ends, or "have" once it holds the
   * whole object and its SHA-256 matches; `refused` names bytes the byte server would not append.
   * Frees the file for the next request either way.
   */
  async landed(offer: MediaOfferMessage, path: string, l: LandedBytes): Promise<MediaHoldingMessage> {
    try {
      if (l.refused) throw invalidArgument(`media ${offer.sha256}: ${l.refused}`);
      if (l.error) throw grpcError(status.UNAVAILABLE, `media ${offer.sha256} from ${offer.fromCenter} could not be written here: ${l.error}`);
      const size = Number(offer.size);
      if (l.size < size || !l.sha256) return { have: false, offset: String(l.size) };
      return await this.complete(offer, path, l.sha256, size, { bytes: l.size - l.start, started: l.startedAt });
    } finally {
      this.receiving.delete(path);
    }
  }

  /** The byte server that had the file is gone (its thread stopped): the next request starts from what the file holds. */
  abandon(path: string): void {
    this.receiving.delete(path);
  }

  /** `stream`: what the last stream carried and when it started, to log how long the bytes took to land. */
  private async complete(
    offer: MediaOfferMessage,
    path: string,
    got: string,
    size: number,
    stream: { bytes: number; started: number },
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
    try {
      await this.dataSource.transaction(async (m) => {
        await this.library.ingestTransferred(m, offer.toCenter, offer.sha256, path, size);
        await this.link(m, offer);
      });
    } catch (e) {
      if (!(e instanceof MediaTypeNotAccepted)) throw e;
      await rm(path, { force: true });
      this.logger.warn({ msg: 'media refused: not an accepted type', sha256: offer.sha256, from: offer.fromCenter, story: offer.storyId });
      // 415 on the byte path: the sender stops sending these bytes (refused, not retried).
      throw grpcError(status.FAILED_PRECONDITION, `${e.message}; ${offer.toCenter} refuses them`);
    }
    this.library.signalJob();
    this.logger.log({
      msg: 'media received',
      sha256: offer.sha256,
      from: offer.fromCenter,
      to: offer.toCenter,
      bytes: size,
      streamBytes: stream.bytes,
      streamMs: Math.round(performance.now() - stream.started),
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
    return this.partials.incoming(o.toCenter, o.fromCenter, o.sha256);
  }
}
