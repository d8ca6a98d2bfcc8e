import { Injectable, Optional } from '@nestjs/common';
import { DeferredInsert, DeferredInserts, keysetPage, Page, PageQuery, pageLimit } from '@syn/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditActor {
  id: string;
  name: string;
  center: string;
}

export interface AuditRecord {
  center: string;
  /** The story changed; null for another subject. */
  storyId: string | null;
  /** What changed when it is not a story (`topic:<id>`, `user:<id>`, `review-policy` …). */
  subject?: string;
  actor: AuditActor;
  action: string;
  before?: object | null;
  after?: object | null;
  at?: Date;
}

export interface AuditEntryView {
  id: string;
  storyId: string | null;
  subject: string | null;
  action: string;
  actor: AuditActor;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}

const AUDIT_INSERT = new DeferredInsert('audit_log', [
  { name: 'id', type: 'uuid' },
  { name: 'center_code', type: 'text' },
  { name: 'story_id', type: 'uuid' },
  { name: 'subject', type: 'text' },
  { name: 'actor', type: 'text' },
  { name: 'actor_name', type: 'text' },
  { name: 'actor_center', type: 'text' },
  { name: 'action', type: 'text' },
  { name: 'before', type: 'jsonb' },
  { name: 'after', type: 'jsonb' },
  { name: 'at', type: 'timestamptz' },
]);

/**
 * The audit trail of every state change, at every level. `record` takes the caller's transaction
 * manager: the entry commits with the change it describes, or neither happens.
 */
@Injectable()
export class AuditLog {
  constructor(
    private readonly dataSource: DataSource,
    @Optional() private readonly deferred: DeferredInserts = new DeferredInserts(),
  ) {}

  /** Written with the transaction's other deferred rows just before it commits. */
  async record(m: EntityManager, r: AuditRecord): Promise<void> {
    await this.deferred.add(m, AUDIT_INSERT, [
      [uuidv7(), r.center, r.storyId, r.subject ?? null, r.actor.id, r.actor.name, r.actor.center, r.action, json(r.before), json(r.after), r.at ?? new Date()],
    ]);
  }

  /** One story's trail at one center, newest first. */
  async page(center: string, storyId: string, q: PageQuery): Promise<Page<AuditEntryView>> {
    const qb = this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('a')
      .where('a.center_code = :center', { center })
      .andWhere('a.story_id = :storyId', { storyId });
    const page = await keysetPage(qb, { at: 'a.at', id: 'a.id', limit: pageLimit(q), cursor: q.cursor, position: (a) => ({ at: a.at, id: a.id }) });
    return { items: page.items.map(toAuditView), nextCursor: page.nextCursor };
  }

  /** A center's whole trail, newest first; narrowed by action (or its prefix `topic.`), subject or story. */
  async centerPage(center: string, q: CenterAuditQuery): Promise<Page<AuditEntryView>> {
    const qb = this.dataSource.getRepository(AuditEntryEntity).createQueryBuilder('a').where('a.center_code = :center', { center });
    if (q.action) qb.andWhere(q.action.endsWith('.') ? 'starts_with(a.action, :action)' : 'a.action = :action', { action: q.action });
    if (q.subject) qb.andWhere('a.subject = :subject', { subject: q.subject });
    if (q.storyId) qb.andWhere('a.story_id = :storyId', { storyId: q.storyId });
    const page = await keysetPage(qb, { at: 'a.at', id: 'a.id', limit: pageLimit(q), cursor: q.cursor, position: (a) => ({ at: a.at, id: a.id }) });
    return { items: page.items.map(toAuditView), nextCursor: page.nextCursor };
  }
}

export interface CenterAuditQuery extends PageQuery {
  action?: string;
  subject?: string;
  storyId?: string;
}

const json = (v: object | null | undefined) => (v == null ? null : JSON.stringify(v));

export function toAuditView(a: AuditEntryEntity): AuditEntryView {
  return {
    id: a.id,
    storyId: a.storyId,
    subject: a.subject,
    action: a.action,
    actor: { id: a.actor, name: a.actorName, center: a.actorCenter },
    before: a.before,
    after: a.after,
    at: a.at.toISOString(),
  };
}
