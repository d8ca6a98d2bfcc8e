import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import { CenterDirectory } from '@syn/network';
import { MetricsRegistry } from '@syn/observability';
import { Client } from 'pg';
import { filter, map, Observable, Subject } from 'rxjs';
import { POOL_FEED_CHANNEL, PoolFeedEvent } from './pool-feed.channel';

export interface LiveFeedItem extends PoolFeedEvent {
  city: { code: string; name: string };
  origin: { code: string; name: string } | null;
}

/**
 * Listens to the index's commit notifications and fans them out to the desks watching in this
 * process. Each replica listens for itself, so a desk connected anywhere sees every pooled story.
 */
@Injectable()
export class LiveFeedService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LiveFeed');
  private readonly events = new Subject<PoolFeedEvent>();
  private client?: Client;
  private stopping = false;
  private watchers = 0;

  constructor(
    private readonly env: AppEnv,
    private readonly directory: CenterDirectory,
    private readonly metrics: MetricsRegistry,
  ) {
    this.metrics.gauge('syn_live_feed_watchers', 'Desks watching the live feed in this process', () => [[{}, this.watchers]]);
  }

  async onApplicationBootstrap() {
    await this.listen();
  }

  async onApplicationShutdown() {
    this.stopping = true;
    this.events.complete();
    await this.client?.end().catch(() => undefined);
  }

  /** Everything that lands in the index of `province` from now on. */
  watch(province: string): Observable<LiveFeedItem> {
    return this.events.pipe(
      filter((e) => e.province === province),
      map((e) => ({
        ...e,
        city: { code: e.hubCode, name: this.nameOf(e.hubCode) },
        origin: e.originCode ? { code: e.originCode, name: this.nameOf(e.originCode) } : null,
      })),
    );
  }

  watching(delta: 1 | -1) {
    this.watchers += delta;
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.env.DATABASE_URL });
    client.on('notification', (n) => {
      if (n.channel !== POOL_FEED_CHANNEL || !n.payload) return;
      try {
        this.events.next(JSON.parse(n.payload) as PoolFeedEvent);
      } catch (e) {
        this.logger.warn({ msg: 'unreadable live feed notification', err: (e as Error).message });
      }
    });
    client.on('error', (e) => {
      this.logger.warn({ msg: 'live feed listener lost; reconnecting', err: e.message });
      void client.end().catch(() => undefined);
      if (!this.stopping) setTimeout(() => void this.listen().catch(() => undefined), 1000);
    });
    await client.connect();
    await client.query(`LISTEN ${POOL_FEED_CHANNEL}`);
    this.client = client;
  }

  private nameOf(code: string) {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}
