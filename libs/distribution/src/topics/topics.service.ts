import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { actorOf, AuditLog } from '@syn/audit';
import type { Principal } from '@syn/auth';
import { TOPIC_ISSUED, TopicAnswered, TopicIssued } from '@syn/contracts';
import { CenterDirectory } from '@syn/network';
import { decodeCursor, encodeCursor } from '@syn/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { LedgerService } from '../ledger/ledger.service';
import { IssueTopicDto, TopicsQuery } from './topic.dto';
import { TOPIC_TARGET_STATUS_LABELS, topicTargetStatus } from './topic-status';
import { TreeTransport } from '@syn/messaging';

interface TopicRow {
  topic_id: string;
  issuer_code: string;
  title: string;
  brief: string;
  deadline: Date;
  targets: string[];
  issued_by: string;
  issued_at: Date;
}

interface AnswerRow {
  answerer_code: string;
  story_id: string;
  story_title: string;
  answered_by: string;
  answered_at: Date;
}

/** 选题 issued downward by a province or a city, and who answered it. */
@Injectable()
export class TopicsService {
  private readonly logger = new Logger('Topics');

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
    private readonly transport: TreeTransport,
    private readonly ledger: LedgerService,
    private readonly audit: AuditLog,
  ) {}

  async issue(issuer: string, dto: IssueTopicDto, by: Principal) {
    const targets = dto.targets ?? this.directory.childrenOf(issuer).map((c) => c.code);
    const outside = this.directory.targetsOutside(issuer, targets);
    if (outside.length)
      throw new BadRequestException({ statusCode: 400, message: [`targets: ${outside.join(', ')} not below center ${issuer}`], fields: ['targets'] });
    if (targets.length === 0)
      throw new BadRequestException({ statusCode: 400, message: [`targets: center ${issuer} has no centers below it`], fields: ['targets'] });
    const topicId = uuidv7();
    const now = new Date();
    const deadline = new Date(dto.deadline);
    if (deadline.getTime() <= now.getTime())
      throw new BadRequestException({ statusCode: 400, message: ['deadline: must be in the future'], fields: ['deadline'] });
    const payload: TopicIssued = {
      topicId,
      issuerCode: issuer,
      title: dto.title.trim(),
      brief: dto.brief.trim(),
      deadline: deadline.toISOString(),
      targets,
      issuedBy: by.name,
      issuedAt: now.toISOString(),
    };
    await this.dataSource.transaction(async (m) => {
      await m.query(`INSERT INTO topics (topic_id, issuer_code, title, brief, deadline, targets, issued_by, issued_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`, [
        topicId,
        issuer,
        payload.title,
        payload.brief,
        deadline,
        targets,
        by.name,
        now,
      ]);
      await this.transport.fanOut(m, { kind: 'topic', id: topicId }, issuer, this.directory.childrenToward(issuer, targets), TOPIC_ISSUED, payload);
      await this.audit.record(m, {
        center: issuer,
        storyId: null,
        subject: `topic:${topicId}`,
        actor: actorOf(by),
        action: 'topic.issued',
        before: null,
        after: { title: payload.title, deadline: payload.deadline, targets },
        at: now,
      });
    });
    this.logger.log({ msg: 'topic issued', center: issuer, topicId, targets, by: by.userId });
    return this.get(issuer, topicId);
  }

  async list(issuer: string, q: TopicsQuery) {
    const limit = q.limit ? Number(q.limit) : 50;
    const after = decodeCursor(q.cursor);
    const params: unknown[] = [issuer, limit + 1];
    let where = 'issuer_code = $1';
    if (after) where += ` AND (issued_at, topic_id) < ($${params.push(after.at)}, $${params.push(after.id)})`;
    const rows: TopicRow[] = await this.dataSource.query(`SELECT * FROM topics WHERE ${where} ORDER BY issued_at DESC, topic_id DESC LIMIT $2`, params);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: await Promise.all(items.map((t) => this.withTargets(this.dataSource.manager, t))),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.issued_at.toISOString(), id: last.topic_id }) : null,
    };
  }

  async get(issuer: string, topicId: string) {
    const rows: TopicRow[] = await this.dataSource.query(`SELECT * FROM topics WHERE topic_id = $1 AND issuer_code = $2`, [topicId, issuer]);
    if (!rows[0]) throw new NotFoundException(`topic ${topicId} was not issued by center ${issuer}`);
    return this.withTargets(this.dataSource.manager, rows[0]);
  }

  /** An answer reached its issuer: kept with the topic and put on the ledger. Returns false for a repeat. */
  async recordAnswer(m: EntityManager, issuer: string, a: TopicAnswered): Promise<'recorded' | 'repeat' | 'unknown-topic' | 'not-targeted'> {
    const rows: TopicRow[] = await m.query(`SELECT * FROM topics WHERE topic_id = $1 AND issuer_code = $2`, [a.topicId, issuer]);
    const topic = rows[0];
    if (!topic) return 'unknown-topic';
    if (!this.directory.targetCovering(a.answererCode, topic.targets)) return 'not-targeted';
    const inserted: unknown[] = await m.query(
      `INSERT INTO topic_answers (topic_id, answerer_code, story_id, story_title, answered_by, answered_at) VALUES ($1,$2,$3,$4,$5,$6)
       ON CONFLICT DO NOTHING RETURNING topic_id`,
      [a.topicId, a.answererCode, a.storyId, a.storyTitle, a.answeredBy, a.answeredAt],
    );
    if (inserted.length === 0) return 'repeat';
    await this.ledger.record(m, issuer, {
      kind: 'topic-answered',
      storyId: a.storyId,
      storyVersion: a.storyVersion,
      originCode: a.answererCode,
      authors: a.authors,
      actorCode: a.answererCode,
      refId: a.topicId,
      occurredAt: a.answeredAt,
    });
    return 'recorded';
  }

  private async withTargets(m: EntityManager, t: TopicRow) {
    const answers: AnswerRow[] = await m.query(
      `SELECT answerer_code, story_id, story_title, answered_by, answered_at FROM topic_answers WHERE topic_id = $1 ORDER BY answered_at, story_id`,
      [t.topic_id],
    );
    const now = new Date();
    const targets = t.targets.map((code) => {
      const mine = answers.filter((a) => this.directory.targetCovering(a.answerer_code, t.targets) === code);
      const first = mine[0] ?? null;
      const status = topicTargetStatus(t.deadline, first?.answered_at ?? null, now);
      return {
        code,
        name: this.nameOf(code),
        status,
        statusLabel: TOPIC_TARGET_STATUS_LABELS[status],
        answered: first !== null,
        late: status === 'late',
        answeredAt: first?.answered_at.toISOString() ?? null,
        answers: mine.map((a) => ({
          center: { code: a.answerer_code, name: this.nameOf(a.answerer_code) },
          storyId: a.story_id,
          storyTitle: a.story_title,
          answeredBy: a.answered_by,
          answeredAt: a.answered_at.toISOString(),
          late: a.answered_at.getTime() > t.deadline.getTime(),
        })),
      };
    });
    return {
      topicId: t.topic_id,
      issuer: { code: t.issuer_code, name: this.nameOf(t.issuer_code) },
      title: t.title,
      brief: t.brief,
      deadline: t.deadline.toISOString(),
      issuedBy: t.issued_by,
      issuedAt: t.issued_at.toISOString(),
      summary: {
        targets: targets.length,
        answered: targets.filter((x) => x.answered).length,
        late: targets.filter((x) => x.late).length,
        missing: targets.filter((x) => !x.answered).map((x) => x.code),
      },
      targets,
    };
  }

  private nameOf(code: string) {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}
