import { Injectable, Logger } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { Fetched } from './byte-server/media-byte-thread';
import { refusal } from './media-transfer.client';
import { decodeOfferHeader, MEDIA_TRANSFER_PATH } from './media-transfer.wire';
import { MediaTypeNotAccepted } from '../media-type-not-accepted';
import { TransferQueueWorker, TransferRow } from './transfer-queue.worker';

/**
 * The downward hop (media of a release this center was sent, or of a 转载 copy): asks the parent
 * for the object from the bytes already in the partial file, appends and hashes what arrives, and
 * stores the object only when its SHA-256 matches its name. A parent that does not have the bytes
 * yet (its own pull from above is under way) answers 503, and the row waits its backoff.
 */
@Injectable()
export class MediaPullWorker extends TransferQueueWorker {
  protected readonly logger = new Logger('MediaPull');
  protected readonly pull = true;

  /** The bytes pulled in this attempt (0 when this process had them already). */
  protected async move(t: TransferRow): Promise<number> {
    if (await this.library.holds(t.to_center, t.sha256)) return 0;
    // Another center this process hosts may hold the bytes already: a holding, not a transfer.
    const [known]: Array<{ size: string }> = await this.dataSource.query(`SELECT size FROM media_objects WHERE sha256 = $1`, [t.sha256]);
    if (known && (await this.library.store.sizeOf(t.sha256)) === Number(known.size)) {
      await this.dataSource.query(`INSERT INTO media_holdings (center_code, sha256, uploaded) VALUES ($1, $2, false) ON CONFLICT DO NOTHING`, [
        t.to_center,
        t.sha256,
      ]);
      return 0;
    }
    const path = this.partials.pulled(t.to_center, t.from_center, t.sha256);
    const url = new URL(`/${MEDIA_TRANSFER_PATH}/${t.sha256}`, this.mediaOf(t.from_center));
    for (const [k, v] of Object.entries({ fromCenter: t.from_center, toCenter: t.to_center, storyId: t.story_id })) url.searchParams.set(k, v);
    // The byte thread asks from where the partial file ends, appends and hashes what comes, off the event loop.
    // The app stopping cuts the body: what arrived is kept and the next start resumes there.
    const stopping = new AbortController();
    const stop = this.loop.onStop(() => stopping.abort());
    let f: Fetched;
    try {
      f = await this.thread.fetch(
        { url: url.toString(), headers: this.client.auth(t.to_center, t.from_center), path, maxBytes: this.library.maxBytes() },
        stopping.signal,
      );
    } finally {
      stop();
    }
    if (f.status !== undefined && f.status !== 200) throw refusal(f.status, f.text ?? '', url);
    if (f.tooLong) {
      await rm(path, { force: true });
      throw new Error(`the partial file of media ${t.sha256} is longer than the object; pulling again from 0`);
    }
    if (f.error || f.refused) throw new Error(`pulling media ${t.sha256} from ${t.from_center}: ${f.error ?? f.refused}`);
    const size = Number((decodeOfferHeader(f.offer) as { size?: unknown }).size);
    const got = f.size ?? 0;
    if (got < size) throw new Error(`the stream of media ${t.sha256} ended at ${got} of ${size} bytes; the next attempt resumes there`);
    if (f.sha256 !== t.sha256) {
      await rm(path, { force: true });
      throw new Error(`media ${t.sha256} from ${t.from_center} hashed to ${f.sha256}; pulling again from 0`);
    }
    const stored = await this.dataSource
      .transaction(async (m) => {
        // The story may have been taken back while the bytes were on their way: then they are not kept.
        const [linked]: unknown[] = await m.query(`SELECT 1 FROM media_links WHERE center_code = $1 AND story_id = $2 AND sha256 = $3`, [
          t.to_center,
          t.story_id,
          t.sha256,
        ]);
        if (!linked) return false;
        await this.library.ingestTransferred(m, t.to_center, t.sha256, path, size);
        return true;
      })
      .catch(async (e: Error) => {
        // Refused for good (not an accepted type here): the partial file goes with the transfer.
        if (e instanceof MediaTypeNotAccepted) await rm(path, { force: true });
        throw e;
      });
    if (stored) this.library.signalJob();
    else await rm(path, { force: true });
    return got - (f.start ?? 0);
  }
}
