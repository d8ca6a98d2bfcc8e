import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, Optional } from '@nestjs/common';
import { headers } from '@nats-io/transport-node';
import { AppEnv } from '@syn/config';
import { MetricsRegistry, REQUEST_ID_HEADER } from '@syn/observability';
import { TableVacuum } from '@syn/persistence';
import type { Histogram } from 'prom-client';
import { Client, type PoolClient, type QueryResult } from 'pg';
import { DataSource } from 'typeorm';
import { JetStreamConnection } from '../jetstream/jetstream.connection';
import { crashBeforePublishIfAsked } from './fault-hooks';
import { OutboxCommitSignal } from './outbox-commit.signal';
import { OUTBOX_CHANNEL } from './outbox.writer';

const BATCH = 500;

/**
 * Publishes committed outbox rows to JetStream with Nats-Msg-Id = event id and marks them sent
 * only after the broker's ack. A crash between the two republishes the same id, which the
 * stream's duplicate window drops and the receivers' inbox ignores.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private running = false;
  private wake: () => void = () => undefined;
  /** Set by a commit signal or a NOTIFY; remembered while a batch is being published, so that wake-up is not lost. */
  private woken = false;
  private loop?: Promise<void>;
  private listener?: Client;
  private unsubscribe?: () => void;
  /**
   * Every published row leaves a dead entry in the index the relay's claim scans; the relay vacuums
   * the outbox itself after OUTBOX_VACUUM_AFTER_ROWS of them.
   */
  private readonly vacuum: TableVacuum;

  constructor(
    private readonly dataSource: DataSource,
    private readonly nats: JetStreamConnection,
    private readonly env: AppEnv,
    private readonly metrics: MetricsRegistry,
    @Optional() private readonly signal?: OutboxCommitSignal,
  ) {
    this.vacuum = new TableVacuum(dataSource, ['outbox'], env.OUTBOX_VACUUM_AFTER_ROWS ?? 0);
    this.lag = metrics.histogram(
      'syn_outbox_relay_lag_seconds',
      'From an event written to the outbox to its publish acknowledged by JetStream',
      [],
      [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60, 300, 3600],
    );
    // What is still waiting, read at scrape time: grows while the broker or the link to it is away.
    const unsent = () =>
      this.dataSource.query(
        `SELECT count(*)::int AS n, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS age FROM outbox WHERE sent_at IS NULL`,
      ) as Promise<Array<{ n: number; age: number }>>;
    metrics.gauge('syn_outbox_unsent', 'Committed events not yet published', async () => [[{}, (await unsent())[0].n]]);
    metrics.gauge('syn_outbox_oldest_unsent_seconds', 'Age of the oldest committed event not yet published', async () => [[{}, (await unsent())[0].age]]);
  }
  private readonly lag: Histogram;

  onApplicationBootstrap() {
    this.running = true;
    this.unsubscribe = this.signal?.onCommitted(() => this.rouse());
    void this.listen();
    this.loop = this.run();
  }

  async onApplicationShutdown() {
    this.unsubscribe?.();
    this.running = false;
    this.wake();
    await this.loop;
    await this.vacuum.idle();
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  /** Drains everything committed so far; used by tests and graceful shutdown. */
  async flush(): Promise<number> {
    let total = 0;
    for (let n = await this.publishBatch(); n > 0; n = await this.publishBatch()) total += n;
    return total;
  }

  private async listen() {
    if (!this.running) return;
    const client = new Client({ connectionString: this.env.DATABASE_URL });
    this.listener = client;
    client.on('notification', () => this.rouse());
    client.on('error', (e) => {
      // A terminated backend or a database restart: keep polling and listen again shortly.
      this.logger.warn({ msg: 'outbox listener lost; polling until it is back', err: e.message });
      void client.end().catch(() => undefined);
      if (this.listener === client) setTimeout(() => void this.listen(), 1000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (e) {
      this.logger.warn({ msg: 'outbox LISTEN unavailable; polling', err: (e as Error).message });
      void client.end().catch(() => undefined);
      if (this.listener === client) setTimeout(() => void this.listen(), 2000).unref();
    }
  }

  private rouse() {
    this.woken = true;
    this.wake();
  }

  private async run() {
    let backoff = 100;
    while (this.running) {
      try {
        // Cleared before the SELECT: a commit notified after this point is either in the batch or wakes the next one.
        this.woken = false;
        const n = await this.publishBatch();
        backoff = 100;
        if (n === BATCH || this.woken) continue;
      } catch (e) {
        this.logger.warn({ msg: 'outbox publish failed; will retry', err: (e as Error).message, retryInMs: backoff });
        // Not cut short by NOTIFYs: while the broker is away, new commits must not turn this into a busy loop.
        await this.sleep(backoff, false);
        backoff = Math.min(backoff * 2, 5000);
        continue;
      }
      await this.sleep(this.env.OUTBOX_POLL_MS);
    }
    // Last drain on shutdown so that acknowledged submissions leave before the process does.
    await this.flush().catch((e) => this.logger.warn({ msg: 'final outbox drain incomplete; rows stay for next start', err: (e as Error).message }));
  }

  private sleep(ms: number, wakeable = true) {
    return new Promise<void>((resolve) => {
      if (wakeable && this.woken) return resolve();
      const t = setTimeout(resolve, ms);
      if (!wakeable) return;
      this.wake = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  /**
   * One cycle in two round trips to PostgreSQL: the claim travels with its BEGIN and the mark with
   * its COMMIT, as multi-statement simple queries (their only values are sequence numbers read from
   * the table). Each round trip had cost more in waiting for the database than the work it carried
   * on a busy machine, and every app runs this loop for every batch it sends.
   */
  private async publishBatch(): Promise<number> {
    const runner = this.dataSource.createQueryRunner();
    const db = (await runner.connect()) as PoolClient;
    try {
      // SKIP LOCKED lets several replicas share the outbox without publishing a row twice at once.
      const claimed = (await db.query(
        `BEGIN; SELECT seq, event_id, subject, envelope, request_id, created_at FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      )) as unknown as [QueryResult, QueryResult<OutboxRow>];
      const rows = claimed[1].rows;
      if (rows.length === 0) {
        await db.query('COMMIT');
        return 0;
      }
      crashBeforePublishIfAsked(rows.length);
      const js = this.nats.client;
      await Promise.all(rows.map((r) => js.publish(r.subject, r.envelope, { msgID: r.event_id, timeout: 10_000, headers: requestHeaders(r.request_id) })));
      const seqs = rows.map((r) => {
        if (!/^\d+$/.test(String(r.seq))) throw new Error(`outbox row ${r.event_id} has sequence ${r.seq}, not a number`);
        return r.seq;
      });
      await db.query(`UPDATE outbox SET sent_at = now() WHERE seq = ANY('{${seqs.join(',')}}'::bigint[]); COMMIT`);
      this.metrics.increment('syn_outbox_published_total', 'Events published from the outbox', {}, rows.length);
      this.vacuum.note(rows.length);
      const now = Date.now();
      for (const r of rows) this.lag.observe((now - new Date(r.created_at).getTime()) / 1000);
      return rows.length;
    } catch (e) {
      // Whatever failed, the connection goes back to the pool outside a transaction (a ROLLBACK with none open only warns).
      await db.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      await runner.release();
    }
  }
}

interface OutboxRow {
  seq: string;
  event_id: string;
  subject: string;
  envelope: string;
  request_id: string | null;
  created_at: Date;
}

function requestHeaders(requestId: string | null) {
  if (!requestId) return undefined;
  const h = headers();
  h.set(REQUEST_ID_HEADER, requestId);
  return h;
}
