import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { REVIEW_DECIDED, ReviewDecided } from '@syn/contracts';
import { EventHandler, EventHandlerRegistry, InboundEvent, PoisonMessageError } from '@syn/messaging';
import { EntityManager } from 'typeorm';

const STATUS = { accepted: 'accepted', rejected: 'rejected', returned: 'returned' } as const;

/** The parent's decision on a submitted version updates what the origin's editors see. */
@Injectable()
export class ReviewDecidedHandler implements EventHandler<ReviewDecided>, OnModuleInit {
  readonly type = REVIEW_DECIDED;
  readonly direction = 'down' as const;
  private readonly logger = new Logger('ReviewDecided');

  constructor(private readonly registry: EventHandlerRegistry) {}

  onModuleInit() {
    this.registry.register(this);
  }

  handle(m: EntityManager, e: InboundEvent<ReviewDecided>): Promise<void> {
    return this.handleBatch(m, [e]);
  }

  /** Locks the stories concerned with one statement and updates them with another, whatever the batch size. */
  async handleBatch(m: EntityManager, events: InboundEvent<ReviewDecided>[]): Promise<void> {
    for (const e of events) {
      if (e.payload.hubCode !== e.route.parent) throw new PoisonMessageError(`decision on ${e.payload.storyId} names hub ${e.payload.hubCode} but came from ${e.route.parent}`);
    }
    const center = events[0].recipient;
    const held: Array<{ id: string; submitted_version: number | null }> = await m.query(
      `SELECT id, submitted_version FROM stories WHERE id = ANY($1::uuid[]) AND center_code = $2 ORDER BY id FOR UPDATE`,
      [events.map((e) => e.payload.storyId), center],
    );
    const submitted = new Map(held.map((r) => [r.id, r.submitted_version]));
    // In arrival order, so that of two decisions on one story the later one stands.
    const latest = new Map<string, ReviewDecided>();
    for (const e of events) {
      const d = e.payload;
      if (!submitted.has(d.storyId)) throw new PoisonMessageError(`decision for story ${d.storyId} which center ${center} does not hold`);
      const version = submitted.get(d.storyId) ?? null;
      // A decision about an older submission than the one pending is history, not news.
      if (version !== null && d.version < version) continue;
      latest.set(d.storyId, d);
    }
    if (latest.size === 0) return;
    const decisions = [...latest.values()];
    await m.query(
      `UPDATE stories s SET status = d.status, decision_reason = d.reason, decided_by = d.decided_by, decided_at = d.decided_at, updated_at = now()
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS d(id, status, reason, decided_by, decided_at)
       WHERE s.id = d.id AND s.center_code = $6`,
      [
        decisions.map((d) => d.storyId),
        decisions.map((d) => STATUS[d.decision]),
        decisions.map((d) => d.reason ?? null),
        decisions.map((d) => `${d.decidedBy}@${d.hubCode}`),
        decisions.map((d) => d.decidedAt),
        center,
      ],
    );
    this.logger.log({ msg: 'review decisions applied', center, count: decisions.length, decisions: decisions.map((d) => ({ storyId: d.storyId, version: d.version, decision: d.decision })) });
  }
}
