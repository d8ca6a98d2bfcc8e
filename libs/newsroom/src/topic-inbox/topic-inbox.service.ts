import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { Principal } from '@syn/auth';
import { TOPIC_ANSWERED } from '@syn/contracts';
import { CenterDirectory } from '@syn/network';
import { decodeCursor, encodeCursor } from '@syn/persistence';
import { DataSource, EntityManager } from 'typeorm';
import type { StoryEntity } from '../stories/story.entity';
import { TreeTransport } from '@syn/messaging';

interface TopicInboxRow {
  topic_id: string;
  issuer_code: string;
  title: string;
  brief: string;
  deadline: Date;
  targeted: boolean;
  issued_by: string;
  issued_at: Date;
  received_at: Date;
}

/** Topics (选题) received from above, and the answers this center's stories give them. */
@Injectable()
export class TopicInboxService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
    private readonly transport: TreeTransport,
  ) {}

  async list(center: string, q: { cursor?: string; limit?: string }) {
    const limit = q.limit ? Number(q.limit) : 50;
    const after = decodeCursor(q.cursor);
    const params: unknown[] = [center, limit + 1];
    let where = 'i.center_code = $1';
    if (after) where += ` AND (i.issued_at, i.topic_id) < ($${params.push(after.at)}, $${params.push(after.id)})`;
    const rows: Array<TopicInboxRow & { answers: string }> = await this.dataSource.query(
      `SELECT i.*, (SELECT count(*) FROM stories s WHERE s.center_code = i.center_code AND s.topic_id = i.topic_id AND s.submitted_at IS NOT NULL) AS answers
       FROM topic_inbox i WHERE ${where} ORDER BY i.issued_at DESC, i.topic_id DESC LIMIT $2`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const now = Date.now();
    return {
      items: items.map((r) => ({
        topicId: r.topic_id,
        issuer: { code: r.issuer_code, name: this.nameOf(r.issuer_code) },
        title: r.title,
        brief: r.brief,
        deadline: r.deadline.toISOString(),
        overdue: r.deadline.getTime() < now,
        targeted: r.targeted,
        roleLabel: r.targeted ? '请响应' : '转发下级',
        answeredStories: Number(r.answers),
        issuedBy: r.issued_by,
        issuedAt: r.issued_at.toISOString(),
        receivedAt: r.received_at.toISOString(),
      })),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.issued_at.toISOString(), id: last.topic_id }) : null,
    };
  }

  /** A story may answer only a topic this center was asked to answer. */
  async assertAnswerable(m: EntityManager, center: string, topicId: string): Promise<void> {
    const rows: Array<{ targeted: boolean }> = await m.query(`SELECT targeted FROM topic_inbox WHERE center_code = $1 AND topic_id = $2`, [center, topicId]);
    if (!rows[0])
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: [`topicId: topic ${topicId} is not in the topic inbox of center ${center}`],
        fields: ['topicId'],
      });
    if (!rows[0].targeted)
      throw new UnprocessableEntityException({
        statusCode: 422,
        message: [`topicId: center ${center} only relays topic ${topicId}; it is not one of its targets`],
        fields: ['topicId'],
      });
  }

  /** Submitting a story that answers a topic tells the issuer, hop by hop, in the submitting transaction. */
  async answer(m: EntityManager, story: StoryEntity, by: Principal, at: Date): Promise<void> {
    if (!story.topicId) return;
    const rows: Array<{ issuer_code: string }> = await m.query(`SELECT issuer_code FROM topic_inbox WHERE center_code = $1 AND topic_id = $2`, [
      story.centerCode,
      story.topicId,
    ]);
    if (!rows[0]) throw new NotFoundException(`topic ${story.topicId} of story ${story.id} is not in the topic inbox of center ${story.centerCode}`);
    await this.transport.up(m, { kind: 'topic-answer', id: story.topicId }, story.centerCode, TOPIC_ANSWERED, {
      topicId: story.topicId,
      issuerCode: rows[0].issuer_code,
      answererCode: story.centerCode,
      storyId: story.id,
      storyVersion: story.version,
      storyTitle: story.title,
      authors: story.authors.map((a) => a.name),
      answeredBy: by.name,
      answeredAt: at.toISOString(),
    });
  }

  private nameOf(code: string) {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}
