import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { validateEnv } from '@syn/config';
import { IsInt, Min } from 'class-validator';
import { DataSource } from 'typeorm';

export class EmbargoEnv {
  /** How often the province looks for embargoes that have passed; 0 turns the timer off. */
  @IsInt()
  @Min(0)
  EMBARGO_LIFT_CHECK_MS: number = 10 * 1000;
}

/** Lifts older than this are history, not news: a province restored from a long outage does not replay them. */
const ANNOUNCE_WINDOW = '30 days';

/**
 * When an embargo (禁发) of an indexed story passes, the provincial desk is told on its live feed
 * (`index.embargo-lifted`, with the text the earlier events withheld). Driven by the clock, not by
 * an event: a province that was down at that moment announces it when it comes back, and
 * embargo_lifts makes every lift announced once, however many processes check.
 */
@Injectable()
export class EmbargoLiftAnnouncer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('EmbargoLift');
  private readonly env = validateEnv(EmbargoEnv);
  private timer?: NodeJS.Timeout;

  constructor(private readonly dataSource: DataSource) {}

  onApplicationBootstrap() {
    if (this.env.EMBARGO_LIFT_CHECK_MS === 0) return;
    this.timer = setInterval(
      () => void this.announce().catch((e) => this.logger.warn({ msg: 'embargo lift check failed', err: (e as Error).message })),
      this.env.EMBARGO_LIFT_CHECK_MS,
    );
    this.timer.unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  /** Announces every lift not announced yet; returns the stories. */
  async announce(): Promise<string[]> {
    const rows: Array<{ story_id: string }> = await this.dataSource.query(
      `WITH due AS (
         INSERT INTO embargo_lifts (story_id, embargo_until, center_code)
         SELECT i.story_id, i.embargo_until, i.province_code FROM story_index i
          WHERE i.embargo_until IS NOT NULL AND i.embargo_until <= now() AND i.embargo_until > now() - interval '${ANNOUNCE_WINDOW}'
            AND i.hub_code <> i.province_code
         ON CONFLICT DO NOTHING
         RETURNING story_id)
       INSERT INTO live_feed_journal (center_code, event, story_id, data)
       SELECT i.province_code, 'index.embargo-lifted', i.story_id, jsonb_build_object(
                'storyId', i.story_id, 'version', i.version, 'edition', i.edition, 'title', i.title, 'summary', i.summary,
                'byline', i.byline, 'category', i.category, 'priority', i.priority, 'hubCode', i.hub_code, 'originCode', i.origin_code,
                'topicId', i.topic_id, 'embargoUntil', i.embargo_until, 'at', now())
         FROM story_index i JOIN due USING (story_id)
       RETURNING story_id`,
    );
    if (rows.length > 0) this.logger.log({ msg: 'embargo lifted; announced on the live feed', stories: rows.map((r) => r.story_id) });
    return rows.map((r) => r.story_id);
  }
}
