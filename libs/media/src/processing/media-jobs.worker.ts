import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MediaEnv } from '../media-env';
import type { MediaKind } from '../media-kind';
import { MediaSignals } from '../media-signals';
import { MediaProcessor } from './media-processor';
import { DrainLoop } from '../drain-loop';

const MAX_ATTEMPTS = 3;
/** A job still 'running' this long after its last change belonged to a process that died. */
const STALE_RUNNING = '10 minutes';

/**
 * Runs media_jobs one at a time per process, off every request: claims with SKIP LOCKED (replicas
 * share the table), retries a failure twice with backoff, then marks the object failed with the reason.
 */
@Injectable()
export class MediaJobsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MediaJobs');
  private readonly loop = new DrainLoop(
    () => this.drain(),
    (e) => this.logger.error({ msg: 'media job loop failed', err: e.message }),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly processor: MediaProcessor,
    private readonly signals: MediaSignals,
    private readonly env: MediaEnv,
  ) {}

  onApplicationBootstrap() {
    this.loop.start(this.env.MEDIA_POLL_MS, (wake) => this.signals.on('job', wake));
  }

  async onApplicationShutdown() {
    await this.loop.stop();
  }

  private async drain(): Promise<void> {
    while (!this.loop.stopped) {
      // TypeORM answers an UPDATE with [rows, count].
      const [[job]]: [Array<{ id: string; sha256: string; attempts: number; kind: MediaKind }>, number] = await this.dataSource.query(
        `UPDATE media_jobs j SET state = 'running', attempts = j.attempts + 1, updated_at = now()
           FROM media_objects o
          WHERE o.sha256 = j.sha256
            AND j.id = (SELECT id FROM media_jobs
                         WHERE (state = 'queued' AND run_after <= now()) OR (state = 'running' AND updated_at < now() - interval '${STALE_RUNNING}')
                         ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING j.id, j.sha256, j.attempts, o.kind`,
      );
      if (!job) return;
      try {
        await this.processor.process(job.sha256, job.kind);
        await this.dataSource.query(`UPDATE media_jobs SET state = 'done', error = NULL, updated_at = now() WHERE id = $1`, [job.id]);
        this.logger.log({ msg: 'media processed', sha256: job.sha256, kind: job.kind });
      } catch (e) {
        // Taken down while it was being processed: the object and its job are gone, nothing to retry.
        const [still]: unknown[] = await this.dataSource.query(`SELECT 1 FROM media_objects WHERE sha256 = $1`, [job.sha256]);
        if (!still) continue;
        const err = (e as Error).message.slice(0, 2000);
        const last = job.attempts >= MAX_ATTEMPTS;
        this.logger.warn({
          msg: last ? 'media processing failed for good' : 'media processing failed; will retry',
          sha256: job.sha256,
          attempt: job.attempts,
          err,
        });
        await this.dataSource.query(
          `UPDATE media_jobs SET state = $2, error = $3, run_after = now() + make_interval(secs => $4), updated_at = now() WHERE id = $1`,
          [job.id, last ? 'failed' : 'queued', err, 2 ** job.attempts],
        );
        if (last)
          await this.dataSource.query(`UPDATE media_objects SET status = 'failed', error = $2, updated_at = now() WHERE sha256 = $1`, [job.sha256, err]);
      }
    }
  }
}
