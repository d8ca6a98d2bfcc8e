import { BadGatewayException, Injectable, NotFoundException, OnApplicationShutdown } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { AppEnv } from '@syn/config';
import { CenterCredentials, GrpcStory, isGrpcStatus, StoryPoolClient } from '@syn/grpc';
import { CenterDirectory } from '@syn/network';
import { decodeCursor, encodeCursor } from '@syn/persistence';
import { DataSource } from 'typeorm';
import { StoryIndexQuery } from './story-index.dto';
import { StoryIndexEntity } from './story-index.entity';

@Injectable()
export class StoryIndexService implements OnApplicationShutdown {
  private readonly clients = new Map<string, StoryPoolClient>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
    private readonly env: AppEnv,
  ) {}

  async list(province: string, q: StoryIndexQuery) {
    const limit = q.limit ? Number(q.limit) : 50;
    const after = decodeCursor(q.cursor);
    const qb = this.dataSource
      .getRepository(StoryIndexEntity)
      .createQueryBuilder('i')
      .where('i.province_code = :province', { province })
      // Embargoed stories stay with their origin and hub until the time passes (the province's own pool excepted).
      .andWhere('(i.embargo_until IS NULL OR i.embargo_until <= now() OR i.hub_code = :province)', { province })
      .orderBy('i.pooled_at', 'DESC')
      .addOrderBy('i.story_id', 'DESC')
      .limit(limit + 1);
    if (q.city) qb.andWhere('i.hub_code = :city', { city: q.city });
    if (q.county) qb.andWhere('i.origin_code = :county', { county: q.county });
    if (q.category) qb.andWhere('i.category = :category', { category: q.category });
    if (q.from) qb.andWhere('i.pooled_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('i.pooled_at < :to', { to: q.to });
    if (after) qb.andWhere('(i.pooled_at, i.story_id) < (:at, :id)', { at: after.at, id: after.id });
    const rows = await qb.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((i) => ({
        storyId: i.storyId,
        version: i.version,
        title: i.title,
        summary: i.summary,
        byline: i.byline,
        category: i.category,
        tags: i.tags,
        priority: i.priority,
        city: { code: i.hubCode, name: this.nameOf(i.hubCode) },
        origin: { code: i.originCode, name: this.nameOf(i.originCode) },
        regionCode: i.regionCode,
        embargoUntil: i.embargoUntil?.toISOString() ?? null,
        contentHash: i.contentHash,
        pooledAt: i.pooledAt.toISOString(),
        pooledBy: i.pooledBy,
      })),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.pooledAt.toISOString(), id: last.storyId }) : null,
    };
  }

  /** Opens an indexed story: the body comes live from the hub that pools it, over gRPC. */
  async open(province: string, storyId: string): Promise<GrpcStory & { city: string; origin: string }> {
    const entry = await this.dataSource.getRepository(StoryIndexEntity).findOneBy({ storyId, provinceCode: province });
    if (!entry || (entry.embargoUntil && entry.embargoUntil > new Date() && entry.hubCode !== province)) {
      throw new NotFoundException(`story ${storyId} is not in the index of ${province}`);
    }
    try {
      const story = await this.client(province).getStory(this.directory.grpcAddressOf(entry.hubCode), entry.hubCode, storyId);
      return { ...story, city: this.nameOf(entry.hubCode), origin: this.nameOf(entry.originCode) };
    } catch (e) {
      if (isGrpcStatus(e, status.NOT_FOUND)) throw new NotFoundException(`story ${storyId} is indexed but hub ${entry.hubCode} no longer holds it`);
      throw new BadGatewayException(`hub ${entry.hubCode} did not answer for story ${storyId}: ${(e as Error).message}`);
    }
  }

  onApplicationShutdown() {
    for (const c of this.clients.values()) c.close();
  }

  private client(province: string): StoryPoolClient {
    let c = this.clients.get(province);
    if (!c) {
      c = new StoryPoolClient(province, new CenterCredentials(this.env.GRPC_SHARED_SECRET));
      this.clients.set(province, c);
    }
    return c;
  }

  private nameOf(code: string): string {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}
