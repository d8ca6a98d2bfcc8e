import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MetricsRegistry } from '@syn/observability';
import { Observable } from 'rxjs';
import { runAsSingleLeader } from '@syn/persistence';
import { DataSource } from 'typeorm';
import type { JournaledEvent } from './live-feed-event';

/** How often the journal is read while somebody watches. */
export const LIVE_FEED_POLL_MS = 300;
/** Events are kept this long for desks that reconnect; older ones are pruned. */
export const LIVE_FEED_RETENTION_DAYS = 3;
const BATCH = 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
/** Any fixed key shared by every process on this database: one stamper at a time. */
const STAMP_LOCK = 0x5f1eed;

interface Watcher {
  center: string;
  /** last seq handed to this watcher */
  cursor: number;
  emit: (e: JournaledEvent) => void;
}

/**
 * One poller per process, running only while a desk watches: stamps newly committed journal rows
 * with their event id, reads those after the oldest cursor for the watched centers, and hands each
 * watcher what is after its own cursor. No NOTIFY in the writing transactions, so busy commits are
 * not serialised behind the notification queue's lock.
 */
@Injectable()
export class LiveFeedJournal implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LiveFeed');
  private readonly watchers = new Set<Watcher>();
  private timer?: NodeJS.Timeout;
  private running = false;
  private stopping = false;
  private pruner?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    metrics: MetricsRegistry,
  ) {
    metrics.gauge('syn_live_feed_watchers', 'Desks watching a live feed in this process', () => [[{}, this.watchers.size]]);
  }

  onApplicationBootstrap() {
    // Pruned whether or not anybody watches, so an unwatched center's journal stays a few days long.
    this.pruner = setInterval(
      () =>
        void runAsSingleLeader(this.dataSource, 'live-feed-prune', () => this.prune()).catch((e) =>
          this.logger.warn({ msg: 'live feed prune failed', err: (e as Error).message }),
        ),
      PRUNE_EVERY_MS,
    );
    this.pruner.unref();
  }

  onApplicationShutdown() {
    this.stopping = true;
    clearTimeout(this.timer);
    clearInterval(this.pruner);
  }

  /**
   * Everything journaled for `center` after `after` (a Last-Event-ID), or from now on when there
   * is none; the first value is the cursor the stream starts from, as `{ seq, event: 'ready' }`.
   */
  watch(center: string, after: number | null): Observable<JournaledEvent> {
    return new Observable<JournaledEvent>((subscriber) => {
      let watcher: Watcher | undefined;
      let closed = false;
      void this.head()
        .then((head) => {
          if (closed) return;
          watcher = { center, cursor: after ?? head, emit: (e) => subscriber.next(e) };
          subscriber.next({ seq: watcher.cursor, center, event: 'ready', data: { center, after: watcher.cursor, replay: after !== null } });
          this.watchers.add(watcher);
          this.schedule(0);
        })
        .catch((e) => subscriber.error(e));
      return () => {
        closed = true;
        if (watcher) this.watchers.delete(watcher);
      };
    });
  }

  private schedule(ms: number) {
    if (this.stopping || this.running || this.watchers.size === 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), ms);
  }

  private async tick(): Promise<void> {
    this.running = true;
    let more = false;
    try {
      const head = await this.stamp();
      more = await this.deliver(head);
    } catch (e) {
      this.logger.warn({ msg: 'live feed poll failed; retrying', err: (e as Error).message });
    } finally {
      this.running = false;
      this.schedule(more ? 0 : LIVE_FEED_POLL_MS);
    }
  }

  /** The highest event id handed out so far, after stamping everything that has committed since. */
  private async head(): Promise<number> {
    let head = await this.stamp();
    // Nobody watched for a while: stamp the backlog now, so "from now on" means now.
    while (await this.unstampedBacklog()) head = await this.stamp();
    return head;
  }

  private async unstampedBacklog(): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM live_feed_journal WHERE seq IS NULL LIMIT 1`);
    return rows.length > 0;
  }

  /**
   * Gives committed rows their event ids in one short transaction holding a lock, so ids become
   * visible in increasing order; if another process is stamping, its ids will do.
   */
  private async stamp(): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const [{ locked }] = await m.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [STAMP_LOCK]);
      if (locked) {
        await m.query(
          `UPDATE live_feed_journal j SET seq = nextval('live_feed_seq')
             FROM (SELECT id FROM live_feed_journal WHERE seq IS NULL ORDER BY id LIMIT 10000) p
            WHERE j.id = p.id`,
        );
      }
      const [{ head }] = await m.query(`SELECT coalesce(max(seq), 0)::text AS head FROM live_feed_journal WHERE seq IS NOT NULL`);
      return Number(head);
    });
  }

  /** Hands each watcher its events up to `head`; true when there is more to read right away. */
  private async deliver(head: number): Promise<boolean> {
    const watching = [...this.watchers];
    if (watching.length === 0) return false;
    const from = Math.min(...watching.map((w) => w.cursor));
    if (from >= head) return false;
    const centers = [...new Set(watching.map((w) => w.center))];
    const rows: Array<{ seq: string; center_code: string; event: string; data: Record<string, unknown> }> = await this.dataSource.query(
      // Ordered by the column, qualified: a bare ORDER BY seq would sort by the text output column,
      // so a batch running from 99 to 100 came out 100, 101, …, 99 and the cursor skipped 96–99.
      `SELECT j.seq::text AS seq, j.center_code, j.event, j.data FROM live_feed_journal j
        WHERE j.seq > $1 AND j.seq <= $2 AND j.center_code = ANY($3) ORDER BY j.seq LIMIT ${BATCH}`,
      [from, head, centers],
    );
    for (const r of rows) {
      const e: JournaledEvent = { seq: Number(r.seq), center: r.center_code, event: r.event, data: r.data };
      for (const w of watching) {
        if (w.center === e.center && w.cursor < e.seq && this.watchers.has(w)) {
          w.cursor = e.seq;
          w.emit(e);
        }
      }
    }
    const truncated = rows.length === BATCH;
    const reached = truncated ? Number(rows[rows.length - 1].seq) : head;
    for (const w of watching) if (w.cursor < reached) w.cursor = reached;
    return truncated;
  }

  private async prune(): Promise<void> {
    const [, removed] = await this.dataSource.query(`DELETE FROM live_feed_journal WHERE at < now() - make_interval(days => $1)`, [LIVE_FEED_RETENTION_DAYS]);
    if (removed) this.logger.log({ msg: 'live feed journal pruned', removed });
  }
}
