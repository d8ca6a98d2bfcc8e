import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { CenterCredentials, CenterKeyring } from '@syn/grpc';
import { CenterDirectory } from '@syn/network';
import { DataSource } from 'typeorm';
import { MediaEnv } from '../media-env';
import { MediaLibrary } from '../media-library';
import { MediaSignals } from '../media-signals';
import { MediaOfferPlain, MediaTransferClient } from './media-transfer.client';
import { keepLease, TRANSFER_LEASE_SECONDS } from './transfer-lease';
import { DrainLoop } from '../drain-loop';
import { mediaPieces } from './media-pieces';

interface TransferRow {
  id: string;
  from_center: string;
  to_center: string;
  story_id: string;
  sha256: string;
  origin_code: string;
  kind: string;
  caption: string | null;
  embargo_until: Date | null;
  attempts: number;
}

const MAX_BACKOFF_SECONDS = 60;
const PARALLEL = 2;
const PROGRESS_EVERY = 32 * 1024 * 1024;
/** A stream ends itself after this long and the next one resumes at the parent's offset, so no call lives for hours. */
const STREAM_MS = 5 * 60_000;

/**
 * Works the media_transfers queue: offers each object to the parent, streams what the parent lacks
 * from the offset it reports in one flow-controlled call, and marks the row done only when the parent says it holds
 * the verified object. Failures (parent down, a cut, a hash that did not verify) back off and
 * retry forever: an outage delays media, it never drops them.
 */
@Injectable()
export class MediaPushWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MediaPush');
  private readonly client: MediaTransferClient;
  private readonly loop = new DrainLoop(
    () => this.drain(),
    (e) => this.logger.error({ msg: 'media transfer loop failed', err: e.message }),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly library: MediaLibrary,
    private readonly directory: CenterDirectory,
    private readonly signals: MediaSignals,
    private readonly env: MediaEnv,
    app: AppEnv,
  ) {
    this.client = new MediaTransferClient(new CenterCredentials(CenterKeyring.fromEnv(app)));
  }

  onApplicationBootstrap() {
    this.loop.start(this.env.MEDIA_POLL_MS, (wake) => this.signals.on('transfer', wake));
  }

  async onApplicationShutdown() {
    await this.loop.stop();
    this.client.close();
  }

  private async drain(): Promise<void> {
    while (!this.loop.stopped) {
      // TypeORM answers an UPDATE with [rows, count].
      const [rows]: [TransferRow[], number] = await this.dataSource.query(
        `UPDATE media_transfers SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${TRANSFER_LEASE_SECONDS})
          WHERE id IN (SELECT id FROM media_transfers WHERE state = 'queued' AND NOT pull AND next_attempt_at <= now()
                        ORDER BY next_attempt_at, id FOR UPDATE SKIP LOCKED LIMIT ${PARALLEL})
        RETURNING id, from_center, to_center, story_id, sha256, origin_code, kind, caption, embargo_until, attempts`,
      );
      if (rows.length === 0) return;
      await Promise.all(rows.map((r) => this.attempt(r)));
    }
  }

  private async attempt(t: TransferRow): Promise<void> {
    const started = performance.now();
    const stopLease = keepLease(this.dataSource, t.id);
    try {
      const sent = await this.send(t);
      await stopLease();
      this.logger.log({
        msg: 'media sent',
        sha256: t.sha256,
        from: t.from_center,
        to: t.to_center,
        bytes: sent,
        ms: Math.round(performance.now() - started),
      });
      await this.dataSource.query(`UPDATE media_transfers SET state = 'done', done_at = now(), last_error = NULL WHERE id = $1 AND state = 'queued'`, [t.id]);
    } catch (e) {
      await stopLease();
      const err = (e as Error).message.slice(0, 1000);
      const backoff = Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.min(t.attempts, 6) / 2);
      this.logger.warn({
        msg: 'media transfer failed; will retry',
        sha256: t.sha256,
        from: t.from_center,
        to: t.to_center,
        attempt: t.attempts,
        retryInSeconds: backoff,
        err,
      });
      await this.dataSource.query(
        `UPDATE media_transfers SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1 AND state = 'queued'`,
        [t.id, err, backoff],
      );
    }
  }

  /** The bytes sent in this attempt (0 when the parent had the object already). */
  private async send(t: TransferRow): Promise<number> {
    const address = this.directory.has(t.to_center) ? this.directory.get(t.to_center).grpc : undefined;
    if (!address) throw new Error(`center ${t.to_center} has no gRPC address in the network file`);
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
   * its offset) when the app stops or has streamed for STREAM_MS, which also renews the row's lease
   * and progress.
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
        // Progress for the operator every 32 MB, and the lease renewed so no other worker takes a live transfer.
        await this.dataSource.query(
          `UPDATE media_transfers SET sent_bytes = $2, next_attempt_at = now() + make_interval(secs => ${TRANSFER_LEASE_SECONDS}) WHERE id = $1`,
          [t.id, offset],
        );
      }
      if (this.loop.stopped || Date.now() > until) return;
    }
  }
}
