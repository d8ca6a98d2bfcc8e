import { Injectable, Logger } from '@nestjs/common';
import { AuditLog, remoteActor } from '@syn/audit';
import { REVIEW_DECIDED, ReviewDecided } from '@syn/contracts';
import { EventHandler, InboundEvent, OnTreeEvent, PoisonMessageError } from '@syn/messaging';
import { EntityManager } from 'typeorm';
import { StoryEntity } from '../stories/story.entity';

const STATUS = { accepted: 'accepted', rejected: 'rejected', returned: 'returned' } as const;

/** The parent's decision on a submitted version updates what the origin's editors see. */
@Injectable()
@OnTreeEvent(REVIEW_DECIDED)
export class ReviewDecidedHandler implements EventHandler<ReviewDecided> {
  private readonly logger = new Logger('ReviewDecided');

  constructor(private readonly audit: AuditLog) {}

  async handle(m: EntityManager, e: InboundEvent<ReviewDecided>): Promise<void> {
    const d = e.payload;
    if (d.hubCode !== e.route.parent) throw new PoisonMessageError(`decision on ${d.storyId} names hub ${d.hubCode} but came from ${e.route.parent}`);
    const story = await m.getRepository(StoryEntity).findOne({ where: { id: d.storyId, centerCode: e.recipient }, lock: { mode: 'pessimistic_write' } });
    if (!story) throw new PoisonMessageError(`decision for story ${d.storyId} which center ${e.recipient} does not hold`);
    // A decision about an older submission than the one pending is history, not news.
    if (story.submittedVersion !== null && d.version < story.submittedVersion) return;
    const after = { status: STATUS[d.decision], decisionReason: d.reason ?? null, decidedBy: `${d.decidedBy}@${d.hubCode}`, decidedAt: new Date(d.decidedAt) };
    await m.update(StoryEntity, { id: story.id }, { ...after, updatedAt: new Date() });
    await this.audit.record(m, {
      center: e.recipient,
      storyId: story.id,
      actor: remoteActor(d.decidedBy, d.hubCode),
      action: `review.${d.decision}`,
      before: { status: story.status, decisionReason: story.decisionReason },
      after: { status: after.status, decisionReason: after.decisionReason, version: d.version },
      at: after.decidedAt,
    });
    this.logger.log({ msg: 'review decision applied', center: e.recipient, storyId: d.storyId, version: d.version, decision: d.decision });
  }

  /**
   * A consumer batch in two statements: lock and read the stories, then update them all. Two
   * decisions about one story in a batch must apply in order, so such a batch goes one by one.
   */
  async handleBatch(m: EntityManager, events: InboundEvent<ReviewDecided>[]): Promise<void> {
    if (new Set(events.map((e) => `${e.recipient}|${e.payload.storyId}`)).size < events.length) {
      for (const e of events) await this.handle(m, e);
      return;
    }
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
    await m.query(
      `UPDATE stories s SET status = d.status, decision_reason = d.reason, decided_by = d.decided_by, decided_at = d.decided_at, updated_at = now()
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS d(id, status, reason, decided_by, decided_at)
        WHERE s.id = d.id`,
      [
        news.map((e) => e.payload.storyId),
        news.map((e) => STATUS[e.payload.decision]),
        news.map((e) => e.payload.reason ?? null),
        news.map((e) => `${e.payload.decidedBy}@${e.payload.hubCode}`),
        news.map((e) => e.payload.decidedAt),
      ],
    );
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
    this.logger.log({
      msg: 'review decisions applied',
      centers: [...new Set(news.map((e) => e.recipient))],
      count: news.length,
      storyIds: news.map((e) => e.payload.storyId),
    });
  }
}
