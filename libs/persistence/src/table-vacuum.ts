import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/**
 * Vacuums a few tables from the app once enough of their rows were written or deleted, off the
 * caller's path. Autovacuum does it late for the tables this is for, and a server may run without
 * it: an insert-only table is vacuumed after it grew by a fifth, and until then its new pages are
 * not all-visible, so an index-only scan reads the heap row of every new entry; rows deleted soon
 * after they were inserted (a relay's published outbox rows, a decided submission's bands) leave
 * dead entries that every scan of the index walks past. VACUUM takes no lock that writers or
 * readers wait for; SKIP_LOCKED gives way to one already running (another replica, autovacuum).
 */
export class TableVacuum {
  private readonly logger = new Logger('TableVacuum');
  private touched = 0;
  private running?: Promise<void>;

  /** tables: trusted identifiers (the app's own); everyRows: 0 leaves them to autovacuum. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly tables: readonly string[],
    private readonly everyRows: number,
  ) {}

  /**
   * Counts rows written or deleted (rows of a transaction that rolls back count too: this only
   * paces the vacuum). Rows the caller's transaction has not committed yet are left for the next run.
   */
  note(rows: number): void {
    if (this.everyRows <= 0) return;
    this.touched += rows;
    if (this.touched < this.everyRows || this.running) return;
    this.touched = 0;
    const started = Date.now();
    const tables = this.tables.join(', ');
    this.running = this.dataSource
      .query(`VACUUM (SKIP_LOCKED) ${tables}`)
      .then(() => this.logger.debug({ msg: 'vacuumed', tables, ms: Date.now() - started }))
      .catch((e: Error) => this.logger.warn({ msg: 'vacuum failed; autovacuum or the next one will do it', tables, err: e.message }))
      .finally(() => (this.running = undefined));
  }

  /** Resolves once no vacuum of these tables is running (shutdown, tests). */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }
}
