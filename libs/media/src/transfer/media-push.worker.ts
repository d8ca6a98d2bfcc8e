import { Injectable, Logger } from '@nestjs/common';
import { sendObjectRange } from './send-object-range';
import { offerFor } from './media-transfer.wire';
import { TransferQueueWorker, TransferRow } from './transfer-queue.worker';

const PROGRESS_EVERY = 32 * 1024 * 1024;
/** When the rate is capped, one request carries about this long of bytes, so none outlives the HTTP server's request timeout. */
const PACED_REQUEST_SECONDS = 120;

/**
 * The upward hop: offers each object to the parent over gRPC, sends what the parent lacks from the
 * offset it reports over HTTP; the row is done only when the parent says it holds the verified object.
 */
@Injectable()
export class MediaPushWorker extends TransferQueueWorker {
  protected readonly logger = new Logger('MediaPush');
  protected readonly pull = false;

  /** The bytes sent in this attempt (0 when the parent had the object already). */
  protected async move(t: TransferRow): Promise<number> {
    const size = await this.library.store.sizeOf(t.sha256);
    if (size === null) throw new Error(`media ${t.sha256} is not in this center's store`);
    const offer = offerFor({ fromCenter: t.from_center, toCenter: t.to_center, storyId: t.story_id, sha256: t.sha256 }, t, size);
    let holding = await this.client.offer(this.grpcOf(t.to_center), offer);
    const base = this.mediaOf(t.to_center);
    const from = Math.min(Number(holding.offset), size);
    let offset = from;
    const rate = this.env.MEDIA_SEND_BYTES_PER_SECOND;
    while (!holding.have) {
      const at = offset;
      const length = rate > 0 ? Math.min(size - at, rate * PACED_REQUEST_SECONDS) : size - at;
      let nextProgress = at + PROGRESS_EVERY;
      const onProgress = (sent: number) => {
        if (at + sent < nextProgress) return;
        nextProgress = at + sent + PROGRESS_EVERY;
        // Progress for the operator every 32 MB (the lease is kept alive by the queue worker).
        this.dataSource.query(`UPDATE media_transfers SET sent_bytes = $2 WHERE id = $1`, [t.id, at + sent]).catch(() => undefined);
      };
      // The app stopping cuts the request: the parent keeps what arrived and the next start resumes there.
      const stopping = new AbortController();
      const stop = this.loop.onStop(() => stopping.abort());
      try {
        holding = await this.client.put(base, offer, at, length, (body) =>
          sendObjectRange(this.library.store, t.sha256, at, length, body, {
            bytesPerSecond: rate,
            readBytes: this.env.readBytes(),
            onProgress,
            signal: stopping.signal,
          }),
        );
      } finally {
        stop();
      }
      offset = Number(holding.offset);
      await this.dataSource.query(`UPDATE media_transfers SET sent_bytes = $2 WHERE id = $1`, [t.id, offset]);
      if (holding.have) break;
      // The parent answered at the offset it holds: a request cut short, or one that started where the parent was not.
      if (offset === at) throw new Error(`parent ${t.to_center} took no bytes of media ${t.sha256} at offset ${at}`);
    }
    return size - from;
  }
}
