import { Injectable, OnModuleInit } from '@nestjs/common';
import { MetricsRegistry } from '@syn/observability';
import { DataSource } from 'typeorm';

/**
 * What media this process still has to move, read at scrape time from the transfers queue: pushes
 * up to a parent (`up`) and pulls from a parent (`down`). A parent down for an hour shows here as
 * an hour-old row, while the stories themselves have long arrived. Transfers the receiver refused
 * for good wait for a person, counted apart.
 */
@Injectable()
export class MediaTransferMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsRegistry,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit() {
    const queued = () =>
      this.dataSource.query(
        `SELECT CASE WHEN pull THEN 'down' ELSE 'up' END AS direction, count(*)::int AS n,
                COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS age
           FROM media_transfers WHERE state = 'queued' GROUP BY 1`,
      ) as Promise<Array<{ direction: string; n: number; age: number }>>;
    const byDirection = async (pick: (r: { n: number; age: number }) => number): Promise<Array<[Record<string, string>, number]>> => {
      const rows = await queued();
      return ['up', 'down'].map((direction) => {
        const r = rows.find((x) => x.direction === direction);
        return [{ direction }, r ? pick(r) : 0];
      });
    };
    this.metrics.gauge('syn_media_transfers_queued', 'Media objects still to move to a parent (up) or from it (down)', () => byDirection((r) => r.n), [
      'direction',
    ]);
    const refused = async (): Promise<Array<[Record<string, string>, number]>> => {
      const rows: Array<{ direction: string; n: number }> = await this.dataSource.query(
        `SELECT CASE WHEN pull THEN 'down' ELSE 'up' END AS direction, count(*)::int AS n FROM media_transfers WHERE state = 'refused' GROUP BY 1`,
      );
      return ['up', 'down'].map((direction) => [{ direction }, rows.find((r) => r.direction === direction)?.n ?? 0]);
    };
    this.metrics.gauge('syn_media_transfers_refused', 'Media objects the receiver refused for good (not an accepted type there), by direction', refused, [
      'direction',
    ]);
    this.metrics.gauge(
      'syn_media_transfer_oldest_queued_seconds',
      'Age of the oldest media object still to move, by direction',
      () => byDirection((r) => r.age),
      ['direction'],
    );
  }
}
