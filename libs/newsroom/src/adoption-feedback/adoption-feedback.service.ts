import { Injectable } from '@nestjs/common';
import { CenterDirectory } from '@syn/network';
import { decodeCursor, encodeCursor } from '@syn/persistence';
import { DataSource } from 'typeorm';

interface FeedbackRow {
  adoption_id: string;
  story_id: string;
  story_version: number;
  story_title: string;
  origin_code: string;
  hub_code: string;
  adopter_code: string;
  channel: string;
  adopted_by: string;
  adopted_at: Date;
  received_at: Date;
  /** numeric comes back from pg as a string. */
  points: string | null;
}

export interface AdoptionFeedbackView {
  adoptionId: string;
  storyId: string;
  storyVersion: number;
  storyTitle: string;
  origin: { code: string; name: string };
  adopter: { code: string; name: string };
  channel: string;
  adoptedBy: string;
  adoptedAt: string;
  /** 积分 the adoption earned, as the adopter weighed it; null when it keeps no weights. */
  points: number | null;
  /** What the county editor reads, e.g. 江西省融媒体平台 选用于「省台」. */
  label: string;
}

/** 采用反馈 received by this center: on its own stories, or relayed for the centers below. */
@Injectable()
export class AdoptionFeedbackService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
  ) {}

  async forStory(center: string, storyId: string): Promise<AdoptionFeedbackView[]> {
    const rows: FeedbackRow[] = await this.dataSource.query(
      `SELECT * FROM adoption_feedback WHERE center_code = $1 AND story_id = $2 ORDER BY adopted_at, adoption_id`,
      [center, storyId],
    );
    return rows.map((r) => this.view(r));
  }

  async list(center: string, q: { cursor?: string; limit?: string }) {
    const limit = q.limit ? Number(q.limit) : 50;
    const after = decodeCursor(q.cursor);
    const params: unknown[] = [center, limit + 1];
    let where = 'center_code = $1';
    if (after) where += ` AND (adopted_at, adoption_id) < ($${params.push(after.at)}, $${params.push(after.id)})`;
    const rows: FeedbackRow[] = await this.dataSource.query(
      `SELECT * FROM adoption_feedback WHERE ${where} ORDER BY adopted_at DESC, adoption_id DESC LIMIT $2`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => this.view(r)),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.adopted_at.toISOString(), id: last.adoption_id }) : null,
    };
  }

  private view(r: FeedbackRow): AdoptionFeedbackView {
    const adopter = this.nameOf(r.adopter_code);
    return {
      adoptionId: r.adoption_id,
      storyId: r.story_id,
      storyVersion: r.story_version,
      storyTitle: r.story_title,
      origin: { code: r.origin_code, name: this.nameOf(r.origin_code) },
      adopter: { code: r.adopter_code, name: adopter },
      channel: r.channel,
      adoptedBy: r.adopted_by,
      adoptedAt: r.adopted_at.toISOString(),
      points: r.points === null ? null : Number(r.points),
      label: `${adopter} 选用于「${r.channel}」`,
    };
  }

  private nameOf(code: string) {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}
