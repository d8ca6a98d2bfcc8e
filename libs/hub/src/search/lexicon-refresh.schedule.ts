import { Logger } from '@nestjs/common';

/** Share of the set that must be newly indexed before the next count of new stories. */
export const LEXICON_GROWTH_SHARE = 0.1;

/** What a run does: add the stories indexed since the last run, or recount the whole set. */
export type LexiconRun = 'count-new' | 'recount';

/**
 * When a search set's lexicon (document frequencies for idf) is brought up to date. Once
 * `afterInserts` stories, or a tenth of the set if that is more, were indexed, their words are
 * added (`count-new`): its cost follows those stories, and larger batches share their words'
 * upserts, while a tenth of the set moves no frequency by more than ~10%. Every `intervalMs` the
 * whole set is recounted (`recount`), which also takes back the words of stories removed since.
 * Recounting instead of counting had been 29% of the database's time in the bench. Runs in the
 * app (no cron); a run that finds another replica at it skips.
 */
export class LexiconRefreshSchedule {
  private timer?: NodeJS.Timeout;
  private inserted = 0;
  private early?: NodeJS.Timeout;
  private running?: Promise<void>;

  private threshold: number;

  /** `refresh` returns how many stories the set holds, or null when another process holds the lexicon. */
  constructor(
    private readonly name: string,
    private readonly refresh: (run: LexiconRun) => Promise<number | null>,
    private readonly intervalMs: number,
    private readonly afterInserts: number,
    private readonly logger: Logger,
  ) {
    this.threshold = afterInserts;
  }

  start(): void {
    this.timer = setInterval(() => void this.run('recount', 'interval'), this.intervalMs);
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
    // Later than the inserting transaction's commit, so the run sees the story.
    this.early = setTimeout(() => {
      this.early = undefined;
      void this.run('count-new', 'inserts');
    }, 1000);
    this.early.unref();
  }

  async run(kind: LexiconRun, reason: string): Promise<void> {
    if (this.running) return this.running;
    this.inserted = 0;
    const started = Date.now();
    this.running = this.refresh(kind)
      .then((documents) => {
        if (documents === null) return;
        this.threshold = Math.max(this.afterInserts, Math.ceil(documents * LEXICON_GROWTH_SHARE));
        this.logger.log({ msg: 'search lexicon refreshed', set: this.name, kind, reason, documents, ms: Date.now() - started, nextAfterInserts: this.threshold });
      })
      .catch((e: Error) => this.logger.error({ msg: 'search lexicon refresh failed', set: this.name, kind, reason, error: e.message }))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
