import { Injectable } from '@nestjs/common';
import { DataSource, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import { OutboxCommitSignal } from './outbox-commit.signal';

const APPENDED = Symbol('outbox rows appended in this transaction');

/** Called by OutboxWriter inside a transaction: the signal goes out once that transaction commits. */
export function markOutboxAppended(runner: QueryRunner): void {
  (runner.data as Record<symbol, boolean>)[APPENDED] = true;
}

/**
 * Raises OutboxCommitSignal when a transaction that appended outbox rows has committed (not at a
 * savepoint's release, not on rollback), so the relay never looks before the rows are visible.
 */
@Injectable()
export class OutboxCommitSubscriber implements EntitySubscriberInterface {
  constructor(
    dataSource: DataSource,
    private readonly signal: OutboxCommitSignal,
  ) {
    dataSource.subscribers.push(this);
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    if (event.queryRunner.isTransactionActive || !take(event.queryRunner)) return;
    this.signal.committed();
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) take(event.queryRunner);
  }
}

function take(runner: QueryRunner): boolean {
  const data = runner.data as Record<symbol, boolean> | undefined;
  if (!data?.[APPENDED]) return false;
  data[APPENDED] = false;
  return true;
}
