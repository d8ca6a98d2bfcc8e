import { Injectable, Logger } from '@nestjs/common';
import { rm } from 'node:fs/promises';
import { landStream } from './landing/land-stream';
import { LandedFile } from './landing/media-landings';
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
    const path = this.library.scratchPath(`pull-${t.to_center}-${t.from_center}-${t.sha256}.part`);
    // The bytes already in the partial file are hashed on the landing thread, never per piece.
    const landing = await this.landings.land(path);
    const have = landing.startSize;
    let at = have;
    let size = 0;
    let landed: LandedFile;
    try {
      const { offer, offset, body } = await this.client.get(this.mediaOf(t.from_center), {
        fromCenter: t.from_center,
        toCenter: t.to_center,
        storyId: t.story_id,
        sha256: t.sha256,
        offset: String(have),
      });
      // The app stopping cuts the body: what arrived is kept and the next start resumes there.
      const stop = this.loop.onStop(() => body.destroy());
      try {
        size = Number(offer.size);
        if (!Number.isSafeInteger(size)) throw new Error(`parent ${t.from_center} sent media ${t.sha256} without naming its size`);
        if (size > this.library.maxBytes()) throw new Error(`media ${t.sha256} of ${size} bytes is over every kind's limit`);
        // A partial file longer than the object is dropped below, once closed, and pulled again.
        if (have <= size) {
          if (offset !== have) throw new Error(`parent ${t.from_center} started media ${t.sha256} at ${offset}, not at ${have}`);
          await landStream(body, landing, (total) => {
            if (have + total > size) throw new Error(`parent ${t.from_center} sent media ${t.sha256} past its size ${size}`);
            at = have + total;
          });
        }
      } finally {
        stop();
        body.destroy();
      }
    } finally {
      // Once per attempt: the offset the next attempt starts from must survive a crash of this machine.
      landed = await landing.close({ sync: at > have });
    }
    if (have > size) {
      await rm(path, { force: true });
      throw new Error(`the partial file of media ${t.sha256} is longer than the object; pulling again from 0`);
    }
    if (landed.size < size) throw new Error(`the stream of media ${t.sha256} ended at ${landed.size} of ${size} bytes; the next attempt resumes there`);
    if (landed.sha256 !== t.sha256) {
      await rm(path, { force: true });
      throw new Error(`media ${t.sha256} from ${t.from_center} hashed to ${landed.sha256}; pulling again from 0`);
    }
    const stored = await this.dataSource.transaction(async (m) => {
      // The story may have been taken back while the bytes were on their way: then they are not kept.
      const [linked]: unknown[] = await m.query(`SELECT 1 FROM media_links WHERE center_code = $1 AND story_id = $2 AND sha256 = $3`, [
        t.to_center,
        t.story_id,
        t.sha256,
      ]);
      if (!linked) return false;
      await this.library.ingestTransferred(m, t.to_center, t.sha256, path, size);
      return true;
    });
    if (stored) this.library.signalJob();
    else await rm(path, { force: true });
    return landed.size - have;
  }
}
