import { Injectable } from '@nestjs/common';
import { StorySearch } from '@syn/hub';
import { CenterDirectory } from '@syn/network';
import { DataSource } from 'typeorm';
import { StoryIndexEntity } from '../story-index/story-index.entity';
import { ProvinceSearchIndex } from './province-search-index';

/** 省级检索: the provincial desk searches every pool of its province, with the city pool's quality. */
@Injectable()
export class IndexSearchService {
  constructor(
    private readonly index: ProvinceSearchIndex,
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
  ) {}

  async search(province: string, s: StorySearch & { city?: string }) {
    const r = await this.index.search({
      q: s.q,
      scope: province,
      filters: {
        hubCodes: s.city ? [s.city] : undefined,
        originCodes: s.county ? [s.county] : undefined,
        category: s.category,
        tags: s.tags,
        pooledFrom: s.from,
        pooledBefore: s.to,
      },
      cursor: s.cursor,
      limit: s.limit,
    });
    const entries = r.hits.length
      ? await this.dataSource
          .getRepository(StoryIndexEntity)
          .createQueryBuilder('i')
          .where('i.story_id IN (:...ids)', { ids: r.hits.map((h) => h.storyId) })
          .getMany()
      : [];
    const byId = new Map(entries.map((e) => [e.storyId, e]));
    return {
      q: s.q,
      words: r.words,
      items: r.hits.flatMap(({ row, ...h }) => {
        const i = byId.get(h.storyId);
        // Embargoed stories stay with their origin and hub until the time passes, as in the index list.
        if (!i || (i.embargoUntil && i.embargoUntil.getTime() > Date.now() && i.hubCode !== province)) return [];
        return [
          {
            ...h,
            title: row.title,
            version: i.version,
            edition: i.edition,
            summary: i.summary,
            byline: i.byline,
            category: i.category,
            tags: i.tags,
            priority: i.priority,
            city: { code: i.hubCode, name: this.nameOf(i.hubCode) },
            origin: { code: i.originCode, name: this.nameOf(i.originCode) },
            pooledAt: i.pooledAt.toISOString(),
            pooledBy: i.pooledBy,
            authors: i.authors,
          },
        ];
      }),
      nextCursor: r.nextCursor,
    };
  }

  private nameOf(code: string): string {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}
