import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { runAsSingleLeader } from '@syn/persistence';
import { DataSource } from 'typeorm';

/** Sent outbox rows are kept for diagnosis, then dropped; inbox ids outlive the stream's 30-day retention. */
export const OUTBOX_RETENTION_DAYS = 14;
export const INBOX_RETENTION_DAYS = 60;
const EVERY_MS = 60 * 60 * 1000;

@Injectable()
export class OutboxJanitor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxJanitor');
  private timer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap() {
    // Replicas share the tables: one sweep an hour is enough.
    this.timer = setInterval(() => void runAsSingleLeader(this.dataSource, 'retention-sweep', () => this.sweep()), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  async sweep(): Promise<{ outbox: number; inbox: number }> {
    try {
      const [, outbox] = await this.dataSource.query(`DELETE FROM outbox WHERE sent_at < now() - make_interval(days => $1)`, [OUTBOX_RETENTION_DAYS]);
      const [, inbox] = await this.dataSource.query(`DELETE FROM inbox WHERE processed_at < now() - make_interval(days => $1)`, [INBOX_RETENTION_DAYS]);
      if (outbox || inbox) this.logger.log({ msg: 'retention sweep', outboxDeleted: outbox, inboxDeleted: inbox });
      return { outbox, inbox };
    } catch (e) {
      this.logger.warn({ msg: 'retention sweep failed; next hour again', err: (e as Error).message });
      return { outbox: 0, inbox: 0 };
    }
  }
}
