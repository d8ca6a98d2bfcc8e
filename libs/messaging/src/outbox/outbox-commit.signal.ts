import { Injectable } from '@nestjs/common';

/**
 * In-process "outbox rows were just committed" signal, raised after COMMIT returns.
 *
 * Why not NOTIFY: PostgreSQL serialises every committing transaction that has sent a NOTIFY on
 * one cluster-wide lock, held through its WAL flush. With a NOTIFY in each outbox write, the
 * commits of every app sharing the server queued one behind another instead of sharing an fsync
 * (group commit); see docs/benchmarks.md. The relay lives in the process that writes its outbox,
 * so an in-process signal wakes it just as exactly; polling remains the fallback for rows written
 * elsewhere, and an explicit NOTIFY on the outbox channel still wakes it.
 */
@Injectable()
export class OutboxCommitSignal {
  private readonly listeners = new Set<() => void>();

  onCommitted(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  committed(): void {
    for (const listener of this.listeners) listener();
  }
}
