import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { open, rm, stat } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { hashFileInto } from '../store/hash-file';
import { TransferQueueWorker, TransferRow } from './transfer-queue.worker';

/** A stream ends after this long and the next resumes at the bytes already here, so no call lives for hours. */
const STREAM_MS = 5 * 60_000;
/** Bytes of received pieces that may wait for the disk before the stream stops reading. */
const WRITE_BUFFER_BYTES = 4 * 1024 * 1024;

/**
 * The downward hop (media of a release this center was sent, or of a 转载 copy): asks the parent
 * for the object from the bytes already in the partial file, appends and hashes what arrives, and
 * stores the object only when its SHA-256 matches its name. A parent that does not have the bytes
 * yet (its own pull from above is under way) answers UNAVAILABLE, and the row waits its backoff.
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
    const address = this.addressOf(t.from_center);
    const path = this.library.scratchPath(`pull-${t.to_center}-${t.from_center}-${t.sha256}.part`);
    const have = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    // The partial file's bytes are hashed once per attempt, never per piece.
    const hash = createHash('sha256');
    if (have > 0) await hashFileInto(hash, path);
    const stream = this.client.get(
      address,
      { fromCenter: t.from_center, toCenter: t.to_center, storyId: t.story_id, sha256: t.sha256, offset: String(have) },
      STREAM_MS,
    );
    let size: number | undefined;
    let at = have;
    const fh = await open(path, 'a');
    // One write stream: pieces that arrive while the disk is busy go down together in the next writev.
    const out = fh.createWriteStream({ highWaterMark: WRITE_BUFFER_BYTES, autoClose: false });
    // A failed write surfaces through `errored`, 'drain' or `finished` below, never as an unhandled 'error'.
    out.on('error', () => undefined);
    try {
      for await (const piece of stream) {
        if (size === undefined) {
          if (!piece.offer) throw new Error(`parent ${t.from_center} sent media ${t.sha256} without naming it first`);
          size = Number(piece.offer.size);
          if (Number(piece.offset) !== have) throw new Error(`parent ${t.from_center} started media ${t.sha256} at ${piece.offset}, not at ${have}`);
          if (size > this.library.maxBytes()) throw new Error(`media ${t.sha256} of ${size} bytes is over every kind's limit`);
          if (have > size) {
            await rm(path, { force: true });
            throw new Error(`the partial file of media ${t.sha256} is longer than the object; pulling again from 0`);
          }
        }
        const data = piece.data;
        if (!data?.length) continue;
        if (at + data.length > size) throw new Error(`parent ${t.from_center} sent media ${t.sha256} past its size ${size}`);
        if (out.errored) throw out.errored;
        hash.update(data);
        at += data.length;
        if (!out.write(data)) await once(out, 'drain');
        if (this.loop.stopped) {
          stream.cancel();
          break;
        }
      }
      out.end();
      await finished(out);
      // Once per stream: the offset the next attempt starts from must survive a crash of this machine.
      if (at > have) await fh.sync();
    } finally {
      if (!out.writableEnded) out.end();
      await finished(out).catch(() => undefined);
      // The stream holds the handle until it is destroyed: close() alone would wait forever.
      out.destroy();
      await fh.close();
    }
    if (size === undefined) throw new Error(`parent ${t.from_center} answered media ${t.sha256} with no piece`);
    if (at < size) throw new Error(`the stream of media ${t.sha256} ended at ${at} of ${size} bytes; the next attempt resumes there`);
    const got = hash.digest('hex');
    if (got !== t.sha256) {
      await rm(path, { force: true });
      throw new Error(`media ${t.sha256} from ${t.from_center} hashed to ${got}; pulling again from 0`);
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
    return at - have;
  }
}
