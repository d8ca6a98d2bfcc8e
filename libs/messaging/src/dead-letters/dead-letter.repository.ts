import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DeadLetterEntity } from './dead-letter.entity';

export interface ParkedMessage {
  consumer: string;
  subject: string;
  streamSeq: number | null;
  data: Uint8Array;
  reason: string;
  deliveryCount: number;
}

const MAX_STORED = 1024 * 1024;

@Injectable()
export class DeadLetterRepository {
  constructor(private readonly dataSource: DataSource) {}

  async park(m: ParkedMessage): Promise<void> {
    const text = Buffer.from(m.data).subarray(0, MAX_STORED).toString('utf8').replaceAll('\u0000', '');
    const head = peekHead(text);
    await this.dataSource.query(
      `INSERT INTO dead_letters (consumer, subject, stream_seq, event_id, event_type, payload, reason, delivery_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (consumer, stream_seq) WHERE stream_seq IS NOT NULL DO NOTHING`,
      [m.consumer, m.subject, m.streamSeq, head.id, head.type, text, m.reason.slice(0, 4000), m.deliveryCount],
    );
  }

  list(filter: { center: string; pendingOnly?: boolean; limit: number; beforeId?: string }): Promise<DeadLetterEntity[]> {
    const q = this.dataSource.getRepository(DeadLetterEntity).createQueryBuilder('d').orderBy('d.id', 'DESC').limit(filter.limit);
    q.andWhere('d.consumer LIKE :prefix', { prefix: `${filter.center}-%` });
    if (filter.pendingOnly) q.andWhere('d.replayed_at IS NULL');
    if (filter.beforeId) q.andWhere('d.id < :before', { before: filter.beforeId });
    return q.getMany();
  }

  get(id: string): Promise<DeadLetterEntity | null> {
    return this.dataSource.getRepository(DeadLetterEntity).findOneBy({ id });
  }

  async markReplayed(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE dead_letters SET replayed_at = now(), replay_error = NULL WHERE id = $1`, [id]);
  }

  async markReplayFailed(id: string, error: string): Promise<void> {
    await this.dataSource.query(`UPDATE dead_letters SET replay_error = $2 WHERE id = $1`, [id, error.slice(0, 4000)]);
  }
}

/** Best effort: record id and type when the bytes parse, so an operator can search by them. */
function peekHead(text: string): { id: string | null; type: string | null } {
  try {
    const v = JSON.parse(text) as { id?: unknown; type?: unknown };
    const id = typeof v.id === 'string' && /^[0-9a-f-]{36}$/i.test(v.id) ? v.id : null;
    const type = typeof v.type === 'string' ? v.type.slice(0, 100) : null;
    return { id, type };
  } catch {
    return { id: null, type: null };
  }
}
