import { Logger } from '@nestjs/common';

/** Share of the pool that must be newly indexed before an early rebuild. */
export const LEXICON_GROWTH_SHARE = 0.1;

/**
 * When a search set's lexicon (document frequencies for idf) is rebuilt: every `intervalMs`, and
 * early once enough stories were indexed since the last run, so a young pool gets sensible idf
 * quickly. "Enough" is `afterInserts` or a tenth of the pool at the last rebuild, whichever is
 * more: a rebuild reads every story's words, so a fixed count would make its cost per story grow
 * with the pool (it was a fifth of the database's time in the bench), while a tenth of the pool
 * moves no frequency by more than ~10%. Runs in the app (no cron); a run that finds another
 * replica refreshing skips.
 */
export class LexiconRefreshSchedule {
  private timer?: NodeJS.Timeout;
  private inserted = 0;
  private threshold: number;
  private early?: NodeJS.Timeout;
  private running?: Promise<void>;

  /** `refresh` returns how many stories it counted, or null when another process holds the rebuild. */
  constructor(
    private readonly name: string,
    private readonly refresh: () => Promise<number | null>,
    private readonly intervalMs: number,
    private readonly afterInserts: number,
    private readonly logger: Logger,
  ) {
    this.threshold = afterInserts;
  }

  start(): void {
    this.timer = setInterval(() => void this.run('interval'), this.intervalMs);
    this.timer.unref();
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    clearTimeout(this.early);
    this.timer = undefined;
    return this.running ?? Promise.resolve();
  }

  /** Called per indexed story; counts even inserts that later roll back (the trigger is approximate by design). */
  noteInserted(): void {
    if (++this.inserted < this.threshold || this.early || !this.timer) return;
    // Later than the inserting transaction's commit, so the refresh sees the story.
    this.early = setTimeout(() => {
      this.early = undefined;
      void this.run('inserts');
    }, 1000);
    this.early.unref();
  }

  async run(reason: string): Promise<void> {
    if (this.running) return this.running;
    this.inserted = 0;
    const started = Date.now();
    this.running = this.refresh()
      .then((documents) => {
        if (documents === null) return;
        this.threshold = Math.max(this.afterInserts, Math.ceil(documents * LEXICON_GROWTH_SHARE));
        this.logger.log({ msg: 'search lexicon refreshed', set: this.name, reason, documents, ms: Date.now() - started, nextAfterInserts: this.threshold });
      })
      .catch((e: Error) => this.logger.error({ msg: 'search lexicon refresh failed', set: this.name, reason, error: e.message }))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
