import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { CenterCredentials, CenterKeyring, ReconciliationClient } from '@syn/grpc';
import { CenterDirectory, HostedCenters } from '@syn/network';
import { MetricsRegistry } from '@syn/observability';
import { runAsSingleLeader } from '@syn/persistence';
import { DataSource } from 'typeorm';
import { DeliveryEnv } from '../delivery-env';
import { DEFAULT_BUCKETS, bucketOf, differingBuckets, digestOf, mergeItems, parentLacks, ReconcileItem, uuidV7Floor } from './reconcile-item';
import { ReconciliationSources, SentItem, SentSource } from './reconciliation-sources';

export interface ReconciliationReport {
  center: string;
  parent: string;
  compared: number;
  differingBuckets: number;
  repaired: number;
  inFlight: number;
  parentAhead: number;
  failed: number;
  /** Decisions the parent had made and sent again because this center still showed them pending. */
  decisionsRedriven: number;
}

/**
 * The child side: compares digests with the parent over gRPC and re-drives, through the outbox
 * with a new event id, every item the parent lacks. Receivers apply by version, so a re-drive of
 * something that was merely slow changes nothing.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reconciler');
  private readonly clients = new Map<string, ReconciliationClient>();
  private timer?: NodeJS.Timeout;
  private running = new Map<string, Promise<ReconciliationReport>>();

  constructor(
    private readonly sources: ReconciliationSources,
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
    private readonly hosted: HostedCenters,
    private readonly metrics: MetricsRegistry,
    private readonly env: DeliveryEnv,
    private readonly appEnv: AppEnv,
  ) {}

  onApplicationBootstrap() {
    if (this.env.RECONCILE_INTERVAL_MS <= 0) return;
    this.timer = setInterval(() => void this.runAll({ skipIfRunningElsewhere: true }), this.env.RECONCILE_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
    for (const c of this.clients.values()) c.close();
  }

  /** Centers hosted here that have a parent reachable over gRPC. */
  children(): string[] {
    return this.hosted.list().filter((c) => {
      const p = this.directory.get(c).parent;
      return p !== null && !!this.directory.get(p).grpc;
    });
  }

  /**
   * A round for every center hosted here. On the timer, a center another replica is reconciling
   * right now is skipped: one round per center at a time is enough, two would re-drive twice.
   */
  async runAll(opts: { skipIfRunningElsewhere?: boolean } = {}): Promise<ReconciliationReport[]> {
    const reports: ReconciliationReport[] = [];
    for (const c of this.children()) {
      try {
        const report = opts.skipIfRunningElsewhere ? await runAsSingleLeader(this.dataSource, `reconcile:${c}`, () => this.run(c)) : await this.run(c);
        if (report) reports.push(report);
      } catch (e) {
        this.logger.warn({ msg: 'reconciliation failed; will try again next round', center: c, err: (e as Error).message });
      }
    }
    return reports;
  }

  /** One comparison round; concurrent calls for the same center share the round in progress. */
  run(center: string, opts: { graceMs?: number } = {}): Promise<ReconciliationReport> {
    const current = this.running.get(center);
    if (current) return current;
    const p = this.round(center, opts.graceMs ?? this.env.RECONCILE_GRACE_MS).finally(() => this.running.delete(center));
    this.running.set(center, p);
    return p;
  }

  private async round(center: string, graceMs: number): Promise<ReconciliationReport> {
    const parent = this.directory.parentOf(center);
    if (!parent) throw new Error(`center ${center} has no parent to reconcile with`);
    const address = this.directory.grpcAddressOf(parent.code);
    const since = new Date(Date.now() - this.env.RECONCILE_WINDOW_DAYS * 24 * 3600 * 1000);
    const sinceId = uuidV7Floor(since);
    const owned: Array<SentItem & { source: SentSource }> = [];
    for (const s of this.sources.sent()) for (const it of await s.sent(center, parent.code, sinceId)) owned.push({ ...it, source: s });
    const local = mergeItems(owned);

    const client = this.client(center);
    const req = { childCode: center, since: since.toISOString(), buckets: DEFAULT_BUCKETS };
    const remote = await client.digest(address, parent.code, req);
    const remoteDigest = new Map(remote.buckets.map((b) => [b.bucket, { hash: b.hash, count: b.count }]));
    const differing = differingBuckets(digestOf(local.values(), DEFAULT_BUCKETS), remoteDigest);

    const report: ReconciliationReport = {
      center,
      parent: parent.code,
      compared: local.size,
      differingBuckets: differing.length,
      repaired: 0,
      inFlight: 0,
      parentAhead: 0,
      failed: 0,
      decisionsRedriven: 0,
    };
    const youngest = Date.now() - graceMs;
    // One listing answers every differing bucket (bucket 0 of 1 is everything). While a parent
    // catches up most buckets differ, because of stories still in flight; a listing per bucket made
    // the parent read this child's whole window once per bucket: 3,000 reads of ~1,200 rows at a
    // hub draining 50,000 stories, a seventh of its database's time.
    const listing =
      differing.length === 0
        ? []
        : (await client.listAcknowledged(address, parent.code, differing.length === 1 ? { ...req, bucket: differing[0] } : { ...req, buckets: 1, bucket: 0 }))
            .items;
    for (const bucket of differing) {
      const theirs = new Map<string, ReconcileItem>(listing.filter((i) => bucketOf(i.storyId, DEFAULT_BUCKETS) === bucket).map((i) => [i.storyId, i]));
      const mine = [...local.values()].filter((i) => bucketOf(i.storyId, DEFAULT_BUCKETS) === bucket);
      for (const it of mine) {
        const has = theirs.get(it.storyId);
        if (!parentLacks(it, has)) continue;
        if (it.changedAt.getTime() > youngest) {
          report.inFlight++;
          continue;
        }
        try {
          const done = await this.dataSource.transaction((m) => it.source.redrive(m, center, parent.code, it.storyId, has));
          if (!done) continue;
          report.repaired++;
          this.logger.warn({
            msg: 'reconciliation re-drove a story the parent lacked',
            center,
            parent: parent.code,
            storyId: it.storyId,
            version: it.version,
            withdrawn: it.withdrawn,
            parentHas: has ? (has.withdrawn ? 'withdrawn' : has.version) : 'nothing',
            source: it.source.name,
          });
        } catch (e) {
          report.failed++;
          this.logger.error({ msg: 'reconciliation could not re-drive a story', center, parent: parent.code, storyId: it.storyId, err: (e as Error).message });
        }
      }
      for (const [id, has] of theirs) {
        const it = local.get(id);
        if (!it || (!it.withdrawn && (has.withdrawn || has.version > it.version))) report.parentAhead++;
      }
    }
    report.decisionsRedriven = await this.downward(client, address, center, parent.code, sinceId, new Date(youngest));
    if (report.repaired > 0)
      this.metrics.increment(
        'syn_reconciliation_repairs_total',
        'Stories re-driven because the parent lacked them',
        { center, parent: parent.code },
        report.repaired,
      );
    this.metrics.increment('syn_reconciliation_runs_total', 'Reconciliation rounds completed', { center, parent: parent.code });
    const level = report.repaired > 0 || report.failed > 0 || report.decisionsRedriven > 0 ? 'log' : 'debug';
    this.logger[level]({ msg: 'reconciliation round done', ...report });
    return report;
  }

  /**
   * Downward: submissions still undecided here, past the grace period, are named to the parent,
   * which sends again every decision it made on them (a lost review.decided).
   */
  private async downward(client: ReconciliationClient, address: string, center: string, parent: string, sinceId: string, before: Date): Promise<number> {
    const awaited: Array<{ storyId: string; version: number }> = [];
    for (const s of this.sources.awaiting()) awaited.push(...(await s.awaiting(center, parent, sinceId, before)));
    let redriven = 0;
    for (let i = 0; i < awaited.length; i += 1000) {
      const res = await client.redriveDecisions(address, parent, { childCode: center, items: awaited.slice(i, i + 1000) });
      redriven += res.redriven.length;
      if (res.redriven.length > 0) this.logger.warn({ msg: 'parent re-drove decisions this center had not applied', center, parent, storyIds: res.redriven });
    }
    if (redriven > 0)
      this.metrics.increment(
        'syn_reconciliation_decisions_redriven_total',
        'Decisions the parent sent again because the child still showed them pending',
        { center, parent },
        redriven,
      );
    return redriven;
  }

  private client(center: string): ReconciliationClient {
    let c = this.clients.get(center);
    if (!c) {
      c = new ReconciliationClient(center, new CenterCredentials(CenterKeyring.fromEnv(this.appEnv)));
      this.clients.set(center, c);
    }
    return c;
  }
}
