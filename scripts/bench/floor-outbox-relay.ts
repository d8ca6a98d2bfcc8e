import type { JetStreamClient } from '@nats-io/jetstream';

const IN_FLIGHT = 1000;

/**
 * Publishes committed outbox rows with the event id as Nats-Msg-Id, up to 1,000 acks in flight,
 * without holding up the next batch; the ids JetStream acknowledged are marked published by the
 * next batch's own transaction (one UPDATE, no commit of its own). A crash before that only
 * republishes, which the broker's dedupe window and the receiver's inbox absorb.
 */
export class FloorOutboxRelay {
  private readonly inFlight = new Set<Promise<void>>();
  private acked: string[] = [];

  constructor(
    private readonly js: JetStreamClient,
    private readonly onError: (e: Error) => void,
  ) {}

  async publish(rows: Array<{ id: string; subject: string; data: string }>): Promise<void> {
    for (const row of rows) {
      while (this.inFlight.size >= IN_FLIGHT) await Promise.race(this.inFlight);
      const p: Promise<void> = this.js
        .publish(row.subject, row.data, { msgID: row.id, timeout: 60_000 })
        .then(
          () => void this.acked.push(row.id),
          (e: Error) => this.onError(e),
        )
        .finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
    }
  }

  /** Ids acknowledged since the last call, for `UPDATE floor_outbox SET published_at = now() WHERE event_id = ANY($1)`. */
  takeAcked(): string[] {
    const out = this.acked;
    this.acked = [];
    return out;
  }

  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
  }
}

export const MARK_PUBLISHED_SQL = `UPDATE floor_outbox SET published_at = now() WHERE event_id = ANY($1::uuid[])`;
