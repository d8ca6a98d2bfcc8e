import { ConflictException, Inject, Injectable, Logger, NotFoundException, Optional } from '@nestjs/common';
import { Principal } from '@syn/auth';
import { REVIEW_DECIDED, ReviewDecided, STORY_POOLED, StoryPooled } from '@syn/contracts';
import { OutboxWriter } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { decodeCursor, encodeCursor } from '@syn/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { POOL_LISTENERS, PoolListener } from '../pool/pool-listener';
import { PoolStoryEntity } from '../pool/pool-story.entity';
import { poolRowFromSnapshot } from '../pool/pool-story.mapper';
import { ReviewDecisionDto, ReviewQueueQuery } from './review-decision.dto';
import { SubmissionEntity } from './submission.entity';

@Injectable()
export class ReviewQueueService {
  private readonly logger = new Logger('ReviewQueue');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly directory: CenterDirectory,
    @Optional() @Inject(POOL_LISTENERS) private readonly listeners: PoolListener[] = [],
  ) {}

  async list(hub: string, q: ReviewQueueQuery) {
    const limit = q.limit ? Number(q.limit) : 50;
    const after = decodeCursor(q.cursor);
    const qb = this.dataSource
      .getRepository(SubmissionEntity)
      .createQueryBuilder('s')
      .where('s.hub_code = :hub', { hub })
      .andWhere('s.status = :status', { status: q.status ?? 'pending' })
      .orderBy('s.received_at', 'DESC')
      .addOrderBy('s.story_id', 'DESC')
      .limit(limit + 1);
    if (q.origin) qb.andWhere('s.origin_code = :origin', { origin: q.origin });
    if (after) qb.andWhere('(s.received_at, s.story_id) < (:at, :id)', { at: after.at, id: after.id });
    const rows = await qb.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((s) => ({
        storyId: s.storyId,
        originCode: s.originCode,
        originName: this.directory.has(s.originCode) ? this.directory.get(s.originCode).name : s.originCode,
        version: s.version,
        status: s.status,
        title: s.title,
        story: s.snapshot,
        submittedBy: s.submittedBy,
        submittedAt: s.submittedAt.toISOString(),
        receivedAt: s.receivedAt.toISOString(),
        decidedBy: s.decidedBy,
        decidedAt: s.decidedAt?.toISOString() ?? null,
        reason: s.reason,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.receivedAt.toISOString(), id: last.storyId }) : null,
    };
  }

  /** 入库 or 退稿. The decision, the pool row and the events announcing them commit together. */
  async decide(hub: string, storyId: string, dto: ReviewDecisionDto, by: Principal) {
    return this.dataSource.transaction(async (m) => {
      const sub = await m.getRepository(SubmissionEntity).findOne({ where: { storyId, hubCode: hub }, lock: { mode: 'pessimistic_write' } });
      if (!sub) throw new NotFoundException(`story ${storyId} is not in the review queue of ${hub}`);
      if (sub.status !== 'pending') throw new ConflictException(`story ${storyId} v${sub.version} was already ${sub.status} at ${hub} by ${sub.decidedBy}`);
      return this.applyDecision(m, sub, dto, by);
    });
  }

  /**
   * Decides a submission inside the caller's transaction, for the auto-accept rule: the
   * submission was just queued by the same transaction, so there is nothing to lock or re-read.
   */
  async decideQueued(m: EntityManager, sub: SubmissionEntity, dto: ReviewDecisionDto, by: Principal) {
    return this.applyDecision(m, sub, dto, by);
  }

  private async applyDecision(m: EntityManager, sub: SubmissionEntity, dto: ReviewDecisionDto, by: Principal) {
    const { storyId, hubCode: hub } = sub;
    const now = new Date();
    const status = dto.decision === 'accept' ? 'accepted' : 'rejected';
    await m.update(SubmissionEntity, { storyId }, { status, decidedBy: by.name, decidedAt: now, reason: dto.reason ?? null });
    if (status === 'accepted') await this.pool(m, sub, by, now);
    await this.outbox.append<ReviewDecided>(m, {
      type: REVIEW_DECIDED,
      parent: hub,
      child: sub.originCode,
      payload: { storyId, version: sub.version, hubCode: hub, decision: status, reason: dto.reason ?? null, decidedBy: by.name, decidedAt: now.toISOString() },
    });
    this.logger.log({ msg: `submission ${status}`, hub, storyId, version: sub.version, origin: sub.originCode, by: by.userId });
    return { storyId, version: sub.version, status, reason: dto.reason ?? null, decidedBy: by.name, decidedAt: now.toISOString() };
  }

  private async pool(m: EntityManager, sub: SubmissionEntity, by: Principal, now: Date) {
    const row = poolRowFromSnapshot(sub.snapshot, sub.hubCode, by.name, now);
    await m
      .createQueryBuilder()
      .insert()
      .into(PoolStoryEntity)
      .values(row)
      .orUpdate(Object.keys(row).filter((k) => k !== 'storyId').map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)), ['story_id'], {
        skipUpdateIfNoValuesChanged: false,
      })
      .execute();
    const parent = this.directory.parentOf(sub.hubCode);
    if (parent) {
      await this.outbox.append<StoryPooled>(m, {
        type: STORY_POOLED,
        parent: parent.code,
        child: sub.hubCode,
        payload: { story: sub.snapshot, hubCode: sub.hubCode, pooledBy: by.name, pooledAt: now.toISOString() },
      });
    }
    for (const l of this.listeners) await l.onPooled(m, { story: sub.snapshot, hubCode: sub.hubCode, pooledBy: by.name, pooledAt: now });
  }
}
