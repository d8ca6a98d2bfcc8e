import { Injectable, Optional } from '@nestjs/common';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
  TransactionStartEvent,
} from 'typeorm';

export interface DeferredColumn {
  name: string;
  /** PostgreSQL type of one value; the rows travel as one array per column. */
  type: string;
  /** SQL computing the column from `u.<name>` (e.g. a jsonb array to text[]); `u.<name>` by default. */
  expr?: string;
}

/** One statement with its parameters ($1…$n, and no other `$` in its text, so that it can be joined to others). */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/**
 * An append-only INSERT that may wait until its transaction commits. Rows of the same insert are
 * written as one statement (`unnest` of one array per column), in the order they were added.
 */
export class DeferredInsert {
  readonly sql: string;

  constructor(
    readonly table: string,
    readonly columns: readonly DeferredColumn[],
  ) {
    const names = columns.map((c) => c.name).join(', ');
    const arrays = columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
    const values = columns.map((c) => c.expr ?? `u.${c.name}`).join(', ');
    this.sql = `INSERT INTO ${table} (${names})
      SELECT ${values} FROM unnest(${arrays}) WITH ORDINALITY AS u (${names}, n) ORDER BY u.n`;
  }

  /** The statement that writes these rows; null when there is nothing to write. A subclass may reshape the rows here. */
  statement(rows: readonly unknown[][]): SqlStatement | null {
    if (rows.length === 0) return null;
    return { sql: this.sql, params: this.columns.map((_, i) => rows.map((r) => r[i])) };
  }

  async run(m: EntityManager, rows: readonly unknown[][]): Promise<void> {
    const s = this.statement(rows);
    if (s) await m.query(s.sql, s.params);
  }
}

/**
 * Several statements sent as one: all but the last become data-modifying WITH clauses, which
 * PostgreSQL runs to completion whether or not the main statement reads them. One round trip, one
 * parse and one plan instead of one each. They share one snapshot, so none may read what another
 * writes, and no two may touch the same row (the callers write distinct tables).
 */
export function joinStatements(statements: readonly SqlStatement[]): SqlStatement {
  if (statements.length === 1) return statements[0];
  const params: unknown[] = [];
  const parts = statements.map((s) => {
    const offset = params.length;
    params.push(...s.params);
    return offset === 0 ? s.sql : s.sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
  });
  const main = parts.pop()!;
  return { sql: `WITH ${parts.map((p, i) => `w${i} AS (${p})`).join(',\n')}\n${main}`, params };
}

const PENDING = Symbol('deferred inserts of this transaction');
const COMMITTED = Symbol('callbacks for after this transaction commits');
type Pending = Map<DeferredInsert, unknown[][]>;

/**
 * Batches append-only rows (audit entries, outbox events, relay records) of a transaction into one
 * INSERT per table, and all of them into one statement, written just before COMMIT. A consumer
 * batch of 256 stories used to send each of these rows as its own statement, about half of the
 * hub's statements per story; each costs a round trip, a parse and a plan. The rows still commit
 * with the change they describe, or not at all: a failing write fails the commit, and a rollback
 * drops them unwritten.
 *
 * Code that reads such a table inside a transaction calls flushFor() first. Outside a
 * transaction, rows are written at once.
 *
 * afterCommit() is the other half: work that must wait until the rows are visible to others
 * (waking the outbox relay), run once the transaction has committed, never on rollback.
 */
@Injectable()
export class DeferredInserts implements EntitySubscriberInterface {
  /** Without a DataSource to hear its commits (a unit test's bare instance), every row is written at once. */
  private readonly attached: boolean;

  constructor(@Optional() dataSource?: DataSource) {
    dataSource?.subscribers.push(this);
    this.attached = !!dataSource;
  }

  async add(m: EntityManager, insert: DeferredInsert, rows: unknown[][]): Promise<void> {
    if (rows.length === 0) return;
    const runner = m.queryRunner;
    if (!this.attached || !runner?.isTransactionActive || runner.connection.subscribers.indexOf(this) < 0) {
      await insert.run(m, rows);
      return;
    }
    const pending = pendingOf(runner, true)!;
    const queued = pending.get(insert);
    if (queued) queued.push(...rows);
    else pending.set(insert, [...rows]);
  }

  /**
   * Runs `callback` once this transaction has committed (now, outside a transaction). The same
   * function registered several times in one transaction runs once.
   */
  afterCommit(m: EntityManager, callback: () => void): void {
    const runner = m.queryRunner;
    if (!this.attached || !runner?.isTransactionActive || runner.connection.subscribers.indexOf(this) < 0) {
      callback();
      return;
    }
    const data = runner.data as Record<symbol, Set<() => void> | undefined>;
    (data[COMMITTED] ??= new Set()).add(callback);
  }

  /** Writes what this transaction queued so far: call it before reading a table that is written through here. */
  async flushFor(m: EntityManager): Promise<void> {
    if (m.queryRunner) await this.flush(m.queryRunner);
  }

  /**
   * Runs `last`, a transaction's last write, in the same statement as the rows it queued: a
   * request that ends with an UPDATE and a few appended rows (上报: the story, its outbox event,
   * ledger and audit rows) makes one round trip for all of them before COMMIT. `last` must not
   * touch a table written through here, nor read what these rows write.
   */
  async writeWith(m: EntityManager, last: SqlStatement): Promise<void> {
    const runner = m.queryRunner;
    const queued = runner && this.attached && runner.isTransactionActive ? this.take(runner) : [];
    await this.write(m, queued, last);
  }

  /** A savepoint is about to start: what is queued belongs to the level outside it, so it is written now. */
  async beforeTransactionStart(event: TransactionStartEvent): Promise<void> {
    await this.flush(event.queryRunner);
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    await this.flush(event.queryRunner);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    // A savepoint's release is not the commit: others cannot see the rows yet.
    if (event.queryRunner.isTransactionActive) return;
    const data = event.queryRunner.data as Record<symbol, Set<() => void> | undefined>;
    const callbacks = data[COMMITTED];
    data[COMMITTED] = undefined;
    for (const callback of callbacks ?? []) callback();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    pendingOf(event.queryRunner, false)?.clear();
    // Rolling back to a savepoint keeps the outer level's callbacks; a spare wake-up is harmless.
    if (!event.queryRunner.isTransactionActive) (event.queryRunner.data as Record<symbol, unknown>)[COMMITTED] = undefined;
  }

  private async flush(runner: QueryRunner): Promise<void> {
    await this.write(runner.manager, this.take(runner));
  }

  private async write(m: EntityManager, queued: ReadonlyArray<{ table: string; statement: SqlStatement }>, last?: SqlStatement): Promise<void> {
    const statements = [...queued.map((q) => q.statement), ...(last ? [last] : [])];
    if (statements.length === 0) return;
    if (new Set(queued.map((q) => q.table)).size === queued.length) {
      const joined = joinStatements(statements);
      await m.query(joined.sql, joined.params);
      return;
    }
    // Two inserts into one table could meet on a row within one statement: each goes alone, in order.
    for (const s of statements) await m.query(s.sql, s.params);
  }

  /** This transaction's queued rows as statements, one per insert in the order first used, and the queue emptied. */
  private take(runner: QueryRunner): Array<{ table: string; statement: SqlStatement }> {
    const pending = pendingOf(runner, false);
    if (!pending || pending.size === 0) return [];
    const batches = [...pending.entries()];
    pending.clear();
    return batches.flatMap(([insert, rows]) => {
      const statement = insert.statement(rows);
      return statement ? [{ table: insert.table, statement }] : [];
    });
  }
}

function pendingOf(runner: QueryRunner, create: boolean): Pending | undefined {
  const data = runner.data as Record<symbol, Pending | undefined>;
  if (!data[PENDING] && create) data[PENDING] = new Map();
  return data[PENDING];
}
