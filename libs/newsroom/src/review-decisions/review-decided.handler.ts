import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditLog, remoteActor } from '@syn/audit';
import { REVIEW_DECIDED, ReviewDecided } from '@syn/contracts';
import { EventHandler, EventHandlerRegistry, InboundEvent, PoisonMessageError } from '@syn/messaging';
import { EntityManager } from 'typeorm';
import { StoryEntity } from '../stories/story.entity';

const STATUS = { accepted: 'accepted', rejected: 'rejected', returned: 'returned' } as const;

/** The parent's decision on a submitted version updates what the origin's editors see. */
@Injectable()
export class ReviewDecidedHandler implements EventHandler<ReviewDecided>, OnModuleInit {
  readonly type = REVIEW_DECIDED;
  readonly direction = 'down' as const;
  private readonly logger = new Logger('ReviewDecided');

  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly audit: AuditLog,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

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
}
