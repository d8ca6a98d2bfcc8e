import { Injectable, NotFoundException } from '@nestjs/common';
import { keysetPage, Page } from '@syn/persistence';
import { DataSource } from 'typeorm';
import { PoolStoryEntity } from './pool-story.entity';

export interface PoolPageQuery {
  limit: number;
  cursor?: string;
  origin?: string;
  /** The center reading; when set, stories under embargo are hidden unless it is their origin or the hub. */
  viewer?: string;
}

/** Before its embargo passes, a story is visible only to its origin and the hub that pools it. */
export function mayView(viewer: string | undefined, p: Pick<PoolStoryEntity, 'hubCode' | 'originCode' | 'embargoUntil'>, now = new Date()): boolean {
  if (!viewer || viewer === p.hubCode || viewer === p.originCode) return true;
  return !p.embargoUntil || p.embargoUntil <= now;
}

/** Reads of the shared pool (大稿库), for REST desks and the StoryPool gRPC service alike. */
@Injectable()
export class PoolService {
  constructor(private readonly dataSource: DataSource) {}

  async get(hub: string, storyId: string, viewer?: string): Promise<PoolStoryEntity> {
    const row = await this.dataSource.getRepository(PoolStoryEntity).findOneBy({ storyId, hubCode: hub });
    if (!row || !mayView(viewer, row)) throw new NotFoundException(`story ${storyId} is not in the pool of ${hub}`);
    return row;
  }

  page(hub: string, q: PoolPageQuery): Promise<Page<PoolStoryEntity>> {
    const qb = this.dataSource.getRepository(PoolStoryEntity).createQueryBuilder('p').where('p.hub_code = :hub', { hub });
    if (q.origin) qb.andWhere('p.origin_code = :origin', { origin: q.origin });
    if (q.viewer && q.viewer !== hub) qb.andWhere('(p.embargo_until IS NULL OR p.embargo_until <= now() OR p.origin_code = :viewer)', { viewer: q.viewer });
    return keysetPage(qb, { at: 'p.pooled_at', id: 'p.story_id', limit: q.limit, cursor: q.cursor, position: (p) => ({ at: p.pooledAt, id: p.storyId }) });
  }
}
