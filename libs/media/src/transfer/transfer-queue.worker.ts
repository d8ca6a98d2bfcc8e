import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { CenterCredentials, CenterKeyring } from '@syn/grpc';
import { CenterDirectory } from '@syn/network';
import { DataSource } from 'typeorm';
import { DrainLoop } from '../drain-loop';
import { MediaEnv } from '../media-env';
import { MediaLibrary } from '../media-library';
import { MediaSignals } from '../media-signals';
import { MediaTransferClient, MediaTransferRefused } from './media-transfer.client';
import { MediaByteThread } from './byte-server/media-byte-thread';
import { PartialFiles } from './partial-files';
import { MediaTypeNotAccepted } from '../media-type-not-accepted';
import { keepLease, TRANSFER_LEASE_SECONDS } from './transfer-lease';

/** One row of media_transfers: for a push `from_center` is this center, for a pull it is the parent. */
export interface TransferRow {
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

/**
 * The media_transfers queue worked in one direction (pushes up to the parent, or pulls from it):
 * claims the rows that are due, moves each under a lease kept alive while it runs, marks it done
 * only when the object is verified at the receiver, and backs a failure off (0.5 s doubling to a
 * minute) and retries forever: an outage delays media, it never drops them. Only bytes the receiver
 * refuses for good (verified, but no accepted type there) end the row as `refused`.
 */
@Injectable()
export abstract class TransferQueueWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  protected abstract readonly logger: Logger;
  /** Which rows this worker takes. */
  protected abstract readonly pull: boolean;
  protected readonly client: MediaTransferClient;
  protected readonly loop = new DrainLoop(
    () => this.drain(),
    (e) => this.logger.error({ msg: `media ${this.verb} loop failed`, err: e.message }),
  );

  constructor(
    protected readonly dataSource: DataSource,
    protected readonly library: MediaLibrary,
    protected readonly directory: CenterDirectory,
    private readonly signals: MediaSignals,
    protected readonly env: MediaEnv,
    protected readonly thread: MediaByteThread,
    protected readonly partials: PartialFiles,
    app: AppEnv,
  ) {
    this.client = new MediaTransferClient(new CenterCredentials(CenterKeyring.fromEnv(app)));
  }

  /** Moves one object; resolves with the bytes moved in this attempt (0 when none needed to move). */
  protected abstract move(t: TransferRow): Promise<number>;

  onApplicationBootstrap() {
    this.loop.start(this.env.MEDIA_POLL_MS, (wake) => this.signals.on('transfer', wake));
  }

  async onApplicationShutdown() {
    await this.loop.stop();
    this.client.close();
  }

  /** The gRPC address of a neighbour (offers), from the network file. */
  protected grpcOf(center: string): string {
    const address = this.directory.has(center) ? this.directory.get(center).grpc : undefined;
    if (!address) throw new Error(`center ${center} has no gRPC address in the network file`);
    return address;
  }

  /** The media byte server of a neighbour, from the network file. */
  protected mediaOf(center: string): string {
    const address = this.directory.has(center) ? this.directory.get(center).media : undefined;
    if (!address) throw new Error(`center ${center} has no media address in the network file: media cannot move to or from it`);
    return address;
  }

  private get verb(): string {
    return this.pull ? 'pull' : 'push';
  }

  private async drain(): Promise<void> {
    while (!this.loop.stopped) {
      // TypeORM answers an UPDATE with [rows, count].
      const [rows]: [TransferRow[], number] = await this.dataSource.query(
        `UPDATE media_transfers SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => ${TRANSFER_LEASE_SECONDS})
          WHERE id IN (SELECT id FROM media_transfers WHERE state = 'queued' AND pull = $1 AND next_attempt_at <= now()
                        ORDER BY next_attempt_at, id FOR UPDATE SKIP LOCKED LIMIT ${PARALLEL})
        RETURNING id, from_center, to_center, story_id, sha256, origin_code, kind, caption, embargo_until, attempts`,
        [this.pull],
      );
      if (rows.length === 0) return;
      await Promise.all(rows.map((r) => this.attempt(r)));
    }
  }

  private async attempt(t: TransferRow): Promise<void> {
    const started = performance.now();
    const stopLease = keepLease(this.dataSource, t.id);
    const about = { sha256: t.sha256, from: t.from_center, to: t.to_center, story: t.story_id };
    try {
      const bytes = await this.move(t);
      await stopLease();
      this.logger.log({ msg: `media ${this.pull ? 'pulled' : 'sent'}`, ...about, bytes, ms: Math.round(performance.now() - started) });
      await this.dataSource.query(`UPDATE media_transfers SET state = 'done', done_at = now(), last_error = NULL WHERE id = $1 AND state = 'queued'`, [t.id]);
    } catch (e) {
      await stopLease();
      const err = (e as Error).message.slice(0, 1000);
      // Bytes that verified but are no accepted type at the receiver: sending them again cannot help.
      if (e instanceof MediaTypeNotAccepted || (e instanceof MediaTransferRefused && e.status === 415)) {
        this.logger.error({ msg: `media ${this.verb} refused for good`, ...about, err });
        await this.dataSource.query(`UPDATE media_transfers SET state = 'refused', done_at = now(), last_error = $2 WHERE id = $1 AND state = 'queued'`, [
          t.id,
          err,
        ]);
        return;
      }
      const backoff = Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.min(t.attempts, 6) / 2);
      // A hub still pulling from above is the expected wait of a video climbing down the tree, not a fault.
      const waiting = e instanceof MediaTransferRefused && e.status === 503 && err.includes('has not reached');
      if (waiting) this.logger.log({ msg: `media not at the parent yet; will ${this.verb} again`, ...about, attempt: t.attempts, retryInSeconds: backoff });
      else this.logger.warn({ msg: `media ${this.verb} failed; will retry`, ...about, attempt: t.attempts, retryInSeconds: backoff, err });
      await this.dataSource.query(
        `UPDATE media_transfers SET last_error = $2, next_attempt_at = now() + make_interval(secs => $3) WHERE id = $1 AND state = 'queued'`,
        [t.id, err, backoff],
      );
    }
  }
}
