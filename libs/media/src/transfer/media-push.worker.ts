import { Injectable, Logger } from '@nestjs/common';
import { mediaPieces } from './media-pieces';
import { MediaOfferPlain } from './media-transfer.client';
import { TransferQueueWorker, TransferRow } from './transfer-queue.worker';

const PROGRESS_EVERY = 32 * 1024 * 1024;
/** A stream ends itself after this long and the next one resumes at the parent's offset, so no call lives for hours. */
const STREAM_MS = 5 * 60_000;

/**
 * The upward hop: offers each object to the parent, streams what the parent lacks from the offset
 * it reports in one flow-controlled call; the row is done only when the parent says it holds the
 * verified object.
 */
@Injectable()
export class MediaPushWorker extends TransferQueueWorker {
  protected readonly logger = new Logger('MediaPush');
  protected readonly pull = false;

  /** The bytes sent in this attempt (0 when the parent had the object already). */
  protected async move(t: TransferRow): Promise<number> {
    const address = this.addressOf(t.to_center);
    const size = await this.library.store.sizeOf(t.sha256);
    if (size === null) throw new Error(`media ${t.sha256} is not in this center's store`);
    const offer: MediaOfferPlain = {
      fromCenter: t.from_center,
      toCenter: t.to_center,
      storyId: t.story_id,
      sha256: t.sha256,
      originCode: t.origin_code,
      kind: t.kind,
      caption: t.caption ?? '',
      embargoUntil: t.embargo_until ? t.embargo_until.toISOString() : '',
      size: String(size),
    };
    let holding = await this.client.offer(address, offer);
    const from = Math.min(Number(holding.offset), size);
    let offset = from;
    while (!holding.have) {
      const at = offset;
      holding = await this.client.put(address, offer, at, this.pieces(t, at, size), STREAM_MS);
      offset = Number(holding.offset);
      await this.dataSource.query(`UPDATE media_transfers SET sent_bytes = $2 WHERE id = $1`, [t.id, offset]);
      if (holding.have) break;
      if (this.loop.stopped) throw new Error('the app is stopping; the transfer resumes at the next start');
      // The parent answered at the offset it holds: a stream cut short, or one that started where the parent was not.
      if (offset === at) throw new Error(`parent ${t.to_center} took no bytes of media ${t.sha256} at offset ${at}`);
    }
    return size - from;
  }

  /**
   * The object's bytes from `start` in MEDIA_CHUNK_BYTES pieces (media-pieces.ts): what is in memory
   * is a few chunks, whatever the file's size. The stream ends early (and the parent answers with
   * its offset) when the app stops or has streamed for STREAM_MS; progress is written every 32 MB.
   */
  private async *pieces(t: TransferRow, start: number, size: number): AsyncGenerator<Buffer> {
    const until = Date.now() + STREAM_MS;
    let offset = start;
    let nextProgress = start + PROGRESS_EVERY;
    for await (const piece of mediaPieces(this.library.store, t.sha256, start, size, this.env.MEDIA_CHUNK_BYTES)) {
      yield piece;
      offset += piece.length;
      if (offset >= nextProgress) {
        nextProgress = offset + PROGRESS_EVERY;
        // Progress for the operator every 32 MB (the lease is kept alive by the queue worker).
        await this.dataSource.query(`UPDATE media_transfers SET sent_bytes = $2 WHERE id = $1`, [t.id, offset]);
      }
      if (this.loop.stopped || Date.now() > until) return;
    }
  }
}
