import { Logger } from '@nestjs/common';

/**
 * When a search set's lexicon (document frequencies for idf) is rebuilt: every `intervalMs`, and
 * early once `afterInserts` stories were indexed since the last run, so a young pool gets sensible
 * idf quickly. Runs in the app (no cron); a run that finds another replica refreshing skips.
 */
export class LexiconRefreshSchedule {
  private timer?: NodeJS.Timeout;
  private inserted = 0;
  private running?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly refresh: () => Promise<boolean>,
    private readonly intervalMs: number,
    private readonly afterInserts: number,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.run('interval'), this.intervalMs);
    this.timer.unref();
  }

  stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    return this.running ?? Promise.resolve();
  }

  /** Called per indexed story; counts even inserts that later roll back (the trigger is approximate by design). */
  noteInserted(): void {
    if (++this.inserted < this.afterInserts || !this.timer) return;
    // Later than the inserting transaction's commit, so the refresh sees the story.
    setTimeout(() => void this.run('inserts'), 1000).unref();
  }

  async run(reason: string): Promise<void> {
    if (this.running) return this.running;
    this.inserted = 0;
    const started = Date.now();
    this.running = this.refresh()
      .then((done) => {
        if (done) this.logger.log({ msg: 'search lexicon refreshed', set: this.name, reason, ms: Date.now() - started });
      })
      .catch((e: Error) => this.logger.error({ msg: 'search lexicon refresh failed', set: this.name, reason, error: e.message }))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
