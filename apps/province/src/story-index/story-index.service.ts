import { BadGatewayException, Injectable, NotFoundException } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { GrpcStory, isGrpcStatus, StoryPoolClients } from '@syn/grpc';
import { CenterDirectory } from '@syn/network';
import { keysetPage, pageLimit } from '@syn/persistence';
import { DataSource } from 'typeorm';
import { StoryIndexQuery } from './story-index.dto';
import { StoryIndexEntity } from './story-index.entity';

interface RecommendationRow {
  story_id: string;
  hub_code: string;
  note: string | null;
  recommended_by: string;
  recommended_at: Date;
}

@Injectable()
export class StoryIndexService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
    private readonly pools: StoryPoolClients,
  ) {}

  async list(province: string, q: StoryIndexQuery) {
    const qb = this.dataSource
      .getRepository(StoryIndexEntity)
      .createQueryBuilder('i')
      .where('i.province_code = :province', { province })
      // Embargoed stories stay with their origin and hub until the time passes (the province's own pool excepted).
      .andWhere('(i.embargo_until IS NULL OR i.embargo_until <= now() OR i.hub_code = :province)', { province });
    if (q.city) qb.andWhere('i.hub_code = :city', { city: q.city });
    if (q.county) qb.andWhere('i.origin_code = :county', { county: q.county });
    if (q.category) qb.andWhere('i.category = :category', { category: q.category });
    if (q.from) qb.andWhere('i.pooled_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('i.pooled_at < :to', { to: q.to });
    if (q.recommended)
      qb.andWhere(
        `${q.recommended === 'true' ? '' : 'NOT '}EXISTS (SELECT 1 FROM story_recommendations r WHERE r.story_id = i.story_id AND r.hub_code = i.hub_code)`,
      );
    const page = await keysetPage(qb, {
      at: 'i.pooled_at',
      id: 'i.story_id',
      limit: pageLimit(q),
      cursor: q.cursor,
      position: (i) => ({ at: i.pooledAt, id: i.storyId }),
    });
    const marks = await this.recommendations(page.items.map((i) => i.storyId));
    return {
      items: page.items.map((i) => ({
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
        authors: i.authors,
        topicId: i.topicId,
        ...this.recommendationOf(marks, i),
        edition: i.edition,
      })),
      nextCursor: page.nextCursor,
    };
  }

  /** Opens an indexed story: the body comes live from the hub that pools it, over gRPC. */
  async open(province: string, storyId: string): Promise<GrpcStory & { city: string; origin: string }> {
    const entry = await this.dataSource.getRepository(StoryIndexEntity).findOneBy({ storyId, provinceCode: province });
    if (!entry || (entry.embargoUntil && entry.embargoUntil > new Date() && entry.hubCode !== province)) {
      throw new NotFoundException(`story ${storyId} is not in the index of ${province}`);
    }
    try {
      const story = await this.pools.as(province).getStory(this.directory.grpcAddressOf(entry.hubCode), entry.hubCode, storyId);
      return { ...story, city: this.nameOf(entry.hubCode), origin: this.nameOf(entry.originCode) };
    } catch (e) {
      if (isGrpcStatus(e, status.NOT_FOUND)) throw new NotFoundException(`story ${storyId} is indexed but hub ${entry.hubCode} no longer holds it`);
      throw new BadGatewayException(`hub ${entry.hubCode} did not answer for story ${storyId}: ${(e as Error).message}`);
    }
  }

  private async recommendations(ids: string[]): Promise<Map<string, RecommendationRow>> {
    if (ids.length === 0) return new Map();
    const rows: RecommendationRow[] = await this.dataSource.query(
      `SELECT story_id, hub_code, note, recommended_by, recommended_at FROM story_recommendations WHERE story_id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.story_id, r]));
  }

  /** 推荐 counts only from the hub that pools the story. */
  private recommendationOf(marks: Map<string, RecommendationRow>, i: StoryIndexEntity) {
    const r = marks.get(i.storyId);
    if (!r || r.hub_code !== i.hubCode) return { recommended: false, recommendation: null };
    return {
      recommended: true,
      recommendation: {
        label: `${this.nameOf(r.hub_code)} 推荐`,
        note: r.note,
        recommendedBy: r.recommended_by,
        recommendedAt: r.recommended_at.toISOString(),
      },
    };
  }

  private nameOf(code: string): string {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}
