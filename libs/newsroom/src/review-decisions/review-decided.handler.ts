import { Injectable, Logger } from '@nestjs/common';
import { AuditLog, remoteActor } from '@syn/audit';
import { REVIEW_DECIDED, ReviewDecided } from '@syn/contracts';
import { EventHandler, InboundEvent, OnTreeEvent, partsWithoutRepeats, PoisonMessageError } from '@syn/messaging';
import { DeferredInserts } from '@syn/persistence';
import { EntityManager } from 'typeorm';

const STATUS = { accepted: 'accepted', rejected: 'rejected', returned: 'returned' } as const;

/** The parent's decision on a submitted version updates what the origin's editors see. */
@Injectable()
@OnTreeEvent(REVIEW_DECIDED)
export class ReviewDecidedHandler implements EventHandler<ReviewDecided> {
  private readonly logger = new Logger('ReviewDecided');

  constructor(
    private readonly audit: AuditLog,
    private readonly deferred: DeferredInserts,
  ) {}

  handle(m: EntityManager, e: InboundEvent<ReviewDecided>): Promise<void> {
    return this.handleBatch(m, [e]);
  }

  /**
   * A consumer batch, a lone decision included, in two statements: lock and read the stories, then
   * update them all with their audit rows (writeWith). Two decisions about one story apply in
   * order, each in its own part of the batch.
   */
  async handleBatch(m: EntityManager, events: InboundEvent<ReviewDecided>[]): Promise<void> {
    for (const part of partsWithoutRepeats(events, (e) => `${e.recipient}|${e.payload.storyId}`)) await this.applyDistinct(m, part);
  }

  private async applyDistinct(m: EntityManager, events: InboundEvent<ReviewDecided>[]): Promise<void> {
    for (const e of events) {
      if (e.payload.hubCode !== e.route.parent)
        throw new PoisonMessageError(`decision on ${e.payload.storyId} names hub ${e.payload.hubCode} but came from ${e.route.parent}`);
    }
    const held: Array<{ id: string; center_code: string; status: string; decision_reason: string | null; submitted_version: number | null }> = await m.query(
      `SELECT s.id, s.center_code, s.status, s.decision_reason, s.submitted_version
         FROM stories s JOIN unnest($1::uuid[], $2::text[]) AS d(id, center_code) ON s.id = d.id AND s.center_code = d.center_code
        ORDER BY s.id FOR UPDATE OF s`,
      [events.map((e) => e.payload.storyId), events.map((e) => e.recipient)],
    );
    const byId = new Map(held.map((h) => [h.id, h]));
    const missing = events.find((e) => !byId.has(e.payload.storyId));
    if (missing) throw new PoisonMessageError(`decision for story ${missing.payload.storyId} which center ${missing.recipient} does not hold`);
    // A decision about an older submission than the one pending is history, not news.
    const news = events.filter((e) => {
      const h = byId.get(e.payload.storyId)!;
      return h.submitted_version === null || e.payload.version >= h.submitted_version;
    });
    if (news.length === 0) return;
    for (const e of news) {
      const d = e.payload;
      const h = byId.get(d.storyId)!;
      await this.audit.record(m, {
        center: e.recipient,
        storyId: d.storyId,
        actor: remoteActor(d.decidedBy, d.hubCode),
        action: `review.${d.decision}`,
        before: { status: h.status, decisionReason: h.decision_reason },
        after: { status: STATUS[d.decision], decisionReason: d.reason ?? null, version: d.version },
        at: new Date(d.decidedAt),
      });
    }
    await this.deferred.writeWith(m, {
      sql: `UPDATE stories s SET status = d.status, decision_reason = d.reason, decided_by = d.decided_by, decided_at = d.decided_at, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS d(id, status, reason, decided_by, decided_at)
        WHERE s.id = d.id`,
      params: [
        news.map((e) => e.payload.storyId),
        news.map((e) => STATUS[e.payload.decision]),
        news.map((e) => e.payload.reason ?? null),
        news.map((e) => `${e.payload.decidedBy}@${e.payload.hubCode}`),
        news.map((e) => e.payload.decidedAt),
      ],
    });
    this.logger.log({
      msg: news.length === 1 ? 'review decision applied' : 'review decisions applied',
      centers: [...new Set(news.map((e) => e.recipient))],
      count: news.length,
      storyIds: news.map((e) => e.payload.storyId),
      decisions: news.map((e) => e.payload.decision),
    });
  }
}
