import { ConflictException, Inject, Injectable, Logger, NotFoundException, Optional } from '@nestjs/common';
import { Principal } from '@syn/auth';
import { REVIEW_DECIDED, ReviewDecided, STORY_POOLED, StoryPooled } from '@syn/contracts';
import { OutboxWriter, type OutgoingEvent } from '@syn/messaging';
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
   * 入库 for submissions the caller's transaction has just queued (the auto-accept rule): one
   * statement per table for the whole set, however many there are.
   */
  async acceptQueued(m: EntityManager, subs: SubmissionEntity[], by: Principal): Promise<void> {
    await this.acceptMany(m, subs, by, new Date(), null);
    this.logger.log({ msg: 'submissions accepted', hubs: [...new Set(subs.map((s) => s.hubCode))], count: subs.length, storyIds: subs.map((s) => s.storyId), by: by.userId });
  }

  private async applyDecision(m: EntityManager, sub: SubmissionEntity, dto: ReviewDecisionDto, by: Principal) {
    const { storyId, hubCode: hub } = sub;
    const now = new Date();
    const reason = dto.reason ?? null;
    let status: 'accepted' | 'rejected';
    if (dto.decision === 'accept') {
      status = 'accepted';
      await this.acceptMany(m, [sub], by, now, reason);
    } else {
      status = 'rejected';
      await m.query(`UPDATE submissions SET status = 'rejected', decided_by = $2, decided_at = $3, reason = $4 WHERE story_id = $1`, [storyId, by.name, now, reason]);
      await this.outbox.append<ReviewDecided>(m, this.decidedEvent(sub, status, reason, by, now));
    }
    this.logger.log({ msg: `submission ${status}`, hub, storyId, version: sub.version, origin: sub.originCode, by: by.userId });
    return { storyId, version: sub.version, status, reason, decidedBy: by.name, decidedAt: now.toISOString() };
  }

  private decidedEvent(sub: SubmissionEntity, decision: 'accepted' | 'rejected', reason: string | null, by: Principal, now: Date) {
    return {
      type: REVIEW_DECIDED,
      parent: sub.hubCode,
      child: sub.originCode,
      payload: { storyId: sub.storyId, version: sub.version, hubCode: sub.hubCode, decision, reason, decidedBy: by.name, decidedAt: now.toISOString() } satisfies ReviewDecided,
    };
  }

  /** The decision, the pool rows, and the events announcing both (down to the origin, up to the parent). */
  private async acceptMany(m: EntityManager, subs: SubmissionEntity[], by: Principal, now: Date, reason: string | null) {
    if (subs.length === 0) return;
    await m.query(`UPDATE submissions SET status = 'accepted', decided_by = $2, decided_at = $3, reason = $4 WHERE story_id = ANY($1::uuid[])`, [subs.map((s) => s.storyId), by.name, now, reason]);
    const rows = subs.map((s) => poolRow(poolRowFromSnapshot(s.snapshot, s.hubCode, by.name, now)));
    await m.query(
      `INSERT INTO pool_stories (${POOL_COLUMNS.join(', ')})
       SELECT ${POOL_COLUMNS.join(', ')} FROM json_populate_recordset(NULL::pool_stories, $1::json)
       ON CONFLICT (story_id) DO UPDATE SET ${POOL_COLUMNS.filter((c) => c !== 'story_id').map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`,
      [JSON.stringify(rows)],
    );
    const events: Array<OutgoingEvent<object>> = subs.map((s) => this.decidedEvent(s, 'accepted', reason, by, now));
    for (const s of subs) {
      const parent = this.directory.parentOf(s.hubCode);
      if (!parent) continue;
      events.push({
        type: STORY_POOLED,
        parent: parent.code,
        child: s.hubCode,
        payload: { story: s.snapshot, hubCode: s.hubCode, pooledBy: by.name, pooledAt: now.toISOString() } satisfies StoryPooled,
      });
    }
    await this.outbox.appendMany(m, events);
    for (const s of subs) for (const l of this.listeners) await l.onPooled(m, { story: s.snapshot, hubCode: s.hubCode, pooledBy: by.name, pooledAt: now });
  }
}

const POOL_COLUMNS = [
  'story_id', 'hub_code', 'origin_code', 'version', 'title', 'summary', 'body', 'byline', 'authors', 'category', 'tags',
  'region_code', 'media_refs', 'priority', 'embargo_until', 'content_hash', 'created_at', 'updated_at', 'pooled_at', 'pooled_by',
];

/** The pool row keyed by column name, as json_populate_recordset reads it. */
function poolRow(p: PoolStoryEntity): Record<string, unknown> {
  return {
    story_id: p.storyId, hub_code: p.hubCode, origin_code: p.originCode, version: p.version, title: p.title, summary: p.summary,
    body: p.body, byline: p.byline, authors: p.authors, category: p.category, tags: p.tags, region_code: p.regionCode,
    media_refs: p.mediaRefs, priority: p.priority, embargo_until: p.embargoUntil, content_hash: p.contentHash,
    created_at: p.createdAt, updated_at: p.updatedAt, pooled_at: p.pooledAt, pooled_by: p.pooledBy,
  };
}
