import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HostedCenters } from '@syn/network';
import { MetricsRegistry } from '@syn/observability';
import { runAsSingleLeader } from '@syn/persistence';
import { DataSource } from 'typeorm';
import { DeliveryEnv } from '../delivery-env';

interface Overdue {
  sender: string;
  story_id: string;
  holder: string;
  version: number;
  kind: string;
  sent_at: Date;
  newly: boolean;
}

/**
 * Corrections and takedowns this center sent that no receipt answered within the configured time.
 * Each overdue delivery is logged once at error level and counted; the gauge shows how many are
 * overdue right now, per center.
 */
@Injectable()
export class ReceiptAlertChecker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReceiptAlert');
  private timer?: NodeJS.Timeout;
  private overdue = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly metrics: MetricsRegistry,
    private readonly hosted: HostedCenters,
    private readonly env: DeliveryEnv,
  ) {
    this.metrics.gauge(
      'syn_receipts_overdue',
      'Corrections and takedowns still waiting for a receipt beyond RECEIPT_ALERT_AFTER_MS',
      () => this.hosted.list().map((c) => [{ center: c }, this.overdue.get(c) ?? 0]),
      ['center'],
    );
  }

  onApplicationBootstrap() {
    this.timer = setInterval(
      // One replica checks per round; the others' gauges keep the last count they saw.
      () =>
        void runAsSingleLeader(this.dataSource, `receipt-check:${this.hosted.list().join(',')}`, () => this.check()).catch((e) =>
          this.logger.warn({ msg: 'receipt check failed', err: (e as Error).message }),
        ),
      this.env.RECEIPT_CHECK_INTERVAL_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }

  /** Returns the overdue deliveries; alerts on the ones not alerted before. */
  async check(): Promise<Overdue[]> {
    const rows: Overdue[] = await this.dataSource.query(
      `WITH due AS (
         SELECT sender, item_kind, item_id, holder FROM delivery_ledger
          WHERE receipt_status = 'pending' AND via IS NULL AND sent_at < now() - make_interval(secs => $1::double precision / 1000)
            AND sender = ANY($2::char(6)[])
       ), marked AS (
         UPDATE delivery_ledger d SET alerted_at = now()
           FROM due WHERE d.sender = due.sender AND d.item_kind = due.item_kind AND d.item_id = due.item_id AND d.holder = due.holder
            AND d.alerted_at IS NULL
         RETURNING d.sender, d.item_kind, d.item_id, d.holder
       )
       SELECT d.sender, d.item_id AS story_id, d.holder, d.version, d.kind, d.sent_at,
              EXISTS (SELECT 1 FROM marked k WHERE k.sender = d.sender AND k.item_kind = d.item_kind AND k.item_id = d.item_id AND k.holder = d.holder) AS newly
         FROM delivery_ledger d JOIN due USING (sender, item_kind, item_id, holder)`,
      [this.env.RECEIPT_ALERT_AFTER_MS, this.hosted.list()],
    );
    const counts = new Map<string, number>();
    for (const r of rows) {
      counts.set(r.sender, (counts.get(r.sender) ?? 0) + 1);
      if (!r.newly) continue;
      this.metrics.increment('syn_receipt_alerts_total', 'Corrections and takedowns that went unconfirmed beyond RECEIPT_ALERT_AFTER_MS', {
        center: r.sender,
        kind: r.kind,
      });
      this.logger.error({
        msg: 'receipt overdue: a center has not confirmed a correction or takedown',
        center: r.sender,
        holder: r.holder,
        storyId: r.story_id,
        version: r.version,
        kind: r.kind,
        pendingForMs: Date.now() - new Date(r.sent_at).getTime(),
      });
    }
    this.overdue = counts;
    return rows;
  }
}
