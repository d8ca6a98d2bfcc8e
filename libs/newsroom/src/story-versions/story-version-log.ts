import { Injectable, NotFoundException } from '@nestjs/common';
import type { Principal } from '@syn/auth';
import { DataSource, EntityManager } from 'typeorm';
import type { StoryEntity } from '../stories/story.entity';
import { StoryVersionEntity, StoryVersionKind } from './story-version.entity';

export interface StoryVersionSummary {
  version: number;
  kind: StoryVersionKind;
  at: string;
  by: { userId: string | null; name: string | null };
  title: string;
  contentHash: string;
  note: string | null;
}

export interface StoryVersionDetail extends StoryVersionSummary {
  storyId: string;
  content: Record<string, unknown>;
}

/**
 * Keeps every version of a story. Written inside the transaction that makes the version, so the
 * list never misses one nor shows one that was rolled back.
 */
@Injectable()
export class StoryVersionLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(m: EntityManager, story: StoryEntity, by: Principal, kind: StoryVersionKind, note: string | null = null): Promise<void> {
    const content = {
      title: story.title,
      summary: story.summary,
      body: story.body,
      byline: story.byline,
      authors: story.authors,
      category: story.category,
      tags: story.tags,
      regionCode: story.regionCode,
      mediaRefs: story.mediaRefs,
      priority: story.priority,
      embargoUntil: story.embargoUntil ? story.embargoUntil.toISOString() : null,
    };
    await m.query(
      `INSERT INTO story_versions (story_id, version, center_code, kind, title, content, content_hash, by_user, by_name, note, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [story.id, story.version, story.centerCode, kind, story.title, JSON.stringify(content), story.contentHash, by.userId, by.name, note, story.updatedAt],
    );
  }

  async list(center: string, storyId: string): Promise<StoryVersionSummary[]> {
    const rows = await this.dataSource.getRepository(StoryVersionEntity).find({
      where: { centerCode: center, storyId },
      select: { storyId: true, version: true, kind: true, at: true, byUser: true, byName: true, title: true, contentHash: true, note: true },
      order: { version: 'DESC' },
    });
    if (!rows.length) throw new NotFoundException(`story ${storyId} not found at center ${center}`);
    return rows.map(summary);
  }

  async get(center: string, storyId: string, version: number): Promise<StoryVersionDetail> {
    const row = await this.dataSource.getRepository(StoryVersionEntity).findOneBy({ centerCode: center, storyId, version });
    if (!row) throw new NotFoundException(`version ${version} of story ${storyId} not found at center ${center}`);
    return { storyId, ...summary(row), content: row.content };
  }
}

function summary(r: StoryVersionEntity): StoryVersionSummary {
  return {
    version: r.version,
    kind: r.kind,
    at: r.at.toISOString(),
    by: { userId: r.byUser, name: r.byName },
    title: r.title,
    contentHash: r.contentHash.trim(),
    note: r.note,
  };
}
