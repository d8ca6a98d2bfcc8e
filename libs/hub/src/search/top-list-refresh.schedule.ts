import { Logger } from '@nestjs/common';

/** What a run does: bring the lists up to the newest story, or rebuild them from every story. */
export type TopListRun = 'extend' | 'rebuild';

/**
 * When a search set's top lists (best stories per common word) are brought up to date, off the
 * write path. Stories pooled since a list's watermark are scored live by every search of the word,
 * so the lists are extended once `afterInserts` stories were indexed by this process (about a
 * second later, after their commit), or every `extendMs` if any were; that bounds the live work
 * of a search. Every `rebuildMs` the lists are rebuilt from every story, which also takes out
 * removed stories and ranks a story whose transaction committed after a later one's extension.
 * A run that finds another replica at it skips.
 */
export class TopListRefreshSchedule {
  private rebuildTimer?: NodeJS.Timeout;
  private extendTimer?: NodeJS.Timeout;
  private early?: NodeJS.Timeout;
  private inserted = 0;
  private running?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly refresh: (run: TopListRun) => Promise<number | null>,
    private readonly rebuildMs: number,
    private readonly afterInserts: number,
    private readonly logger: Logger,
    private readonly extendMs = 30_000,
  ) {}

  start(): void {
    this.rebuildTimer = setInterval(() => void this.run('rebuild', 'interval'), this.rebuildMs);
    this.rebuildTimer.unref();
    this.extendTimer = setInterval(() => {
      if (this.inserted > 0) void this.run('extend', 'interval');
    }, this.extendMs);
    this.extendTimer.unref();
  }

  stop(): Promise<void> {
    clearInterval(this.rebuildTimer);
    clearInterval(this.extendTimer);
    clearTimeout(this.early);
    this.rebuildTimer = undefined;
    return this.running ?? Promise.resolve();
  }

  /** Called with the number of stories a statement indexed (counts inserts that later roll back). */
  noteInserted(count = 1): void {
    this.inserted += count;
    if (this.inserted < this.afterInserts || this.early || !this.rebuildTimer) return;
    // Later than the inserting transaction's commit, so the run sees the stories.
    this.early = setTimeout(() => {
      this.early = undefined;
      void this.run('extend', 'inserts');
    }, 1000);
    this.early.unref();
  }

  async run(kind: TopListRun, reason: string): Promise<void> {
    if (this.running) return this.running;
    this.inserted = 0;
    const started = Date.now();
    this.running = this.refresh(kind)
      .then((words) => {
        if (words === null) return;
        this.logger.log({ msg: 'search top lists refreshed', set: this.name, kind, reason, words, ms: Date.now() - started });
      })
      .catch((e: Error) => this.logger.error({ msg: 'search top lists refresh failed', set: this.name, kind, reason, error: e.message }))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
