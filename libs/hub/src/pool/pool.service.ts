import { Injectable, NotFoundException } from '@nestjs/common';
import { keysetPage, Page } from '@syn/persistence';
import { DataSource } from 'typeorm';
import { PoolStoryEntity } from './pool-story.entity';

export interface PoolPageQuery {
  limit: number;
  cursor?: string;
  origin?: string;
}

/** Reads of the shared pool (大稿库), for REST desks and the StoryPool gRPC service alike. */
@Injectable()
export class PoolService {
  constructor(private readonly dataSource: DataSource) {}

  async get(hub: string, storyId: string): Promise<PoolStoryEntity> {
    const row = await this.dataSource.getRepository(PoolStoryEntity).findOneBy({ storyId, hubCode: hub });
    if (!row) throw new NotFoundException(`story ${storyId} is not in the pool of ${hub}`);
    return row;
  }

  page(hub: string, q: PoolPageQuery): Promise<Page<PoolStoryEntity>> {
    const qb = this.dataSource.getRepository(PoolStoryEntity).createQueryBuilder('p').where('p.hub_code = :hub', { hub });
    if (q.origin) qb.andWhere('p.origin_code = :origin', { origin: q.origin });
    return keysetPage(qb, { at: 'p.pooled_at', id: 'p.story_id', limit: q.limit, cursor: q.cursor, position: (p) => ({ at: p.pooledAt, id: p.storyId }) });
  }
}
