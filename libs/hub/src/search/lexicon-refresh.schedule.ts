import { Logger } from '@nestjs/common';

/** What a run does: add the stories indexed since the last run, or recount the whole set. */
export type LexiconRun = 'count-new' | 'recount';

/**
 * When a search set's lexicon (document frequencies for idf) is brought up to date. Once
 * `afterInserts` stories were indexed, their words are added (`count-new`): its cost follows those
 * stories, so a young pool gets sensible idf quickly and a large one pays no more per story. Every
 * `intervalMs` the whole set is recounted (`recount`), which also takes back the words of stories
 * removed since. Full recounts every few hundred stories had been a fifth of the database's time in
 * the bench, and a tenth of the pool between them still ~10 story scans per story. Runs in the app
 * (no cron); a run that finds another replica at it skips.
 */
export class LexiconRefreshSchedule {
  private timer?: NodeJS.Timeout;
  private inserted = 0;
  private early?: NodeJS.Timeout;
  private running?: Promise<void>;

  /** `refresh` returns how many stories it counted, or null when another process holds the lexicon. */
  constructor(
    private readonly name: string,
    private readonly refresh: (run: LexiconRun) => Promise<number | null>,
    private readonly intervalMs: number,
    private readonly afterInserts: number,
    private readonly logger: Logger,
  ) {}

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
    if (++this.inserted < this.afterInserts || this.early || !this.timer) return;
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
        this.logger.log({ msg: 'search lexicon refreshed', set: this.name, kind, reason, documents, ms: Date.now() - started });
      })
      .catch((e: Error) => this.logger.error({ msg: 'search lexicon refresh failed', set: this.name, kind, reason, error: e.message }))
      .finally(() => (this.running = undefined));
    return this.running;
  }
}
