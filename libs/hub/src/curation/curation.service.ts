import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { actorOf, AuditLog, changedFields } from '@syn/audit';
import type { Principal } from '@syn/auth';
import { contentHash } from '@syn/story';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { PoolAnnouncer } from '../pool/pool-announcer';
import { PoolStoryEntity } from '../pool/pool-story.entity';
import { snapshotFromPoolRow } from '../pool/pool-story.mapper';
import { PoolEditDto } from './pool-edit.dto';
import { PoolStoryEditEntity } from './pool-story-edit.entity';

type Packaging = { title: string; summary: string | null; tags: string[] };

/**
 * A curator repackages a pooled story (headline, summary, tags). The origin's version is not
 * touched: the hub makes a new edition of it (version, edition + 1), keeps the origin's text in
 * original_*, credits the curator, and announces the edition upward like a newly pooled story,
 * so the province's index (which keeps the highest (version, edition)) follows.
 */
@Injectable()
export class CurationService {
  private readonly logger = new Logger('Curation');

  constructor(
    private readonly dataSource: DataSource,
    private readonly announcer: PoolAnnouncer,
    private readonly audit: AuditLog,
  ) {}

  async edit(hub: string, storyId: string, dto: PoolEditDto, by: Principal): Promise<PoolStoryEntity> {
    if (dto.title === undefined && dto.summary === undefined && dto.tags === undefined) {
      throw new BadRequestException({
        statusCode: 400,
        message: ['title, summary or tags: give at least one to change'],
        fields: ['title', 'summary', 'tags'],
      });
    }
    return this.dataSource.transaction(async (m) => {
      const row = await this.lock(m, hub, storyId);
      const before: Packaging = { title: row.title, summary: row.summary, tags: row.tags };
      const after: Packaging = {
        title: dto.title !== undefined ? dto.title.trim() : row.title,
        summary: dto.summary !== undefined ? dto.summary.trim() || null : row.summary,
        tags: dto.tags !== undefined ? [...new Set(dto.tags.map((t) => t.trim()).filter(Boolean))] : row.tags,
      };
      if (!after.title) throw new BadRequestException({ statusCode: 400, message: ['title: must not be empty'], fields: ['title'] });
      const diff = changedFields(before, after, ['title', 'summary', 'tags']);
      if (Object.keys(diff.after).length === 0) return row;

      const now = new Date();
      Object.assign(row, after, { edition: row.edition + 1, updatedAt: now, editedBy: by.name, editedAt: now });
      row.contentHash = contentHash(snapshotFromPoolRow(row));
      await m.save(row);
      await m.getRepository(PoolStoryEditEntity).save({
        id: uuidv7(),
        hubCode: hub,
        storyId,
        version: row.version,
        edition: row.edition,
        before: diff.before,
        after: diff.after,
        editedBy: by.userId,
        editedByName: by.name,
        editedAt: now,
      } as PoolStoryEditEntity);
      await this.audit.record(m, {
        center: hub,
        storyId,
        actor: actorOf(by),
        action: 'pool.edited',
        before: { ...diff.before, edition: row.edition - 1 },
        after: { ...diff.after, edition: row.edition },
        at: now,
      });
      await this.announcer.announce(m, { story: snapshotFromPoolRow(row), hubCode: hub, pooledBy: row.pooledBy, pooledAt: row.pooledAt, edition: row.edition });
      this.logger.log({ msg: 'pooled story edited', hub, storyId, version: row.version, edition: row.edition, by: by.userId, fields: Object.keys(diff.after) });
      return row;
    });
  }

  private async lock(m: EntityManager, hub: string, storyId: string): Promise<PoolStoryEntity> {
    const row = await m.getRepository(PoolStoryEntity).findOne({ where: { storyId, hubCode: hub }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new NotFoundException(`story ${storyId} is not in the pool of ${hub}`);
    return row;
  }
}
