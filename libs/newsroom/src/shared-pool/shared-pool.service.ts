import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { BadGatewayException, BadRequestException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { status } from '@grpc/grpc-js';
import { actorOf, AuditLog } from '@syn/audit';
import type { Principal } from '@syn/auth';
import { STORY_REPUBLISHED } from '@syn/contracts';
import { lockStoryShared, Tombstones } from '@syn/delivery';
import { GrpcSearchHit, GrpcStory, isGrpcStatus, StoryPoolClient, StoryPoolClients } from '@syn/grpc';
import { StorySearch } from '@syn/hub';
import { MediaPulls } from '@syn/media';
import { OutboxWriter } from '@syn/messaging';
import { Center, CenterDirectory } from '@syn/network';
import { keysetPage, Page, PageQuery, pageLimit } from '@syn/persistence';
import { contentHash } from '@syn/story';
import { DataSource, In } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { contentOfGrpcStory } from './grpc-story-content';
import { RepublishedStoryEntity } from './republished-story.entity';
import { SharedPoolQuery } from './shared-pool.dto';

export interface SharedPoolStory extends GrpcStory {
  originName: string;
  hubName: string;
  /** This center wrote it: it cannot republish its own story. */
  own: boolean;
  /** Channels where this center has already republished it. */
  republishedOn: string[];
}

/**
 * 横向共享: a center browses its parent's pool (大稿库) through the hub's StoryPool gRPC service,
 * which serves a hub's own children, and republishes (转载) a sibling's story with attribution.
 */
@Injectable()
export class SharedPoolService {
  private readonly logger = new Logger('SharedPool');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly directory: CenterDirectory,
    private readonly audit: AuditLog,
    private readonly pools: StoryPoolClients,
    private readonly tombstones: Tombstones,
    private readonly media: MediaPulls,
  ) {}

  async list(center: string, q: SharedPoolQuery): Promise<Page<SharedPoolStory>> {
    const hub = this.hubOf(center);
    const res = await this.call(center, hub, `pool of ${hub.code}`, (c, address) =>
      c.listStories(address, { hubCode: hub.code, limit: pageLimit(q), cursor: q.cursor ?? '', originCode: q.origin ?? '' }),
    );
    const done = await this.republishedOn(
      center,
      res.stories.map((s) => s.id),
    );
    return { items: res.stories.map((s) => this.decorate(center, hub, s, done)), nextCursor: res.nextCursor || null };
  }

  /** 大稿库检索 from below: the hub searches its pool (StoryPool.SearchStories) for this child. */
  async search(center: string, s: StorySearch) {
    const hub = this.hubOf(center);
    const res = await this.call(center, hub, `search in the pool of ${hub.code}`, (c, address) =>
      c.searchStories(address, {
        hubCode: hub.code,
        query: s.q,
        originCode: s.county ?? '',
        category: s.category ?? '',
        tags: s.tags ?? [],
        pooledFrom: s.from?.toISOString() ?? '',
        pooledBefore: s.to?.toISOString() ?? '',
        cursor: s.cursor ?? '',
        limit: s.limit ?? 20,
      }),
    );
    const done = await this.republishedOn(
      center,
      res.hits.map((h) => h.storyId),
    );
    return {
      q: s.q,
      words: res.words,
      items: res.hits.map((h: GrpcSearchHit) => ({
        ...h,
        originName: this.nameOf(h.originCode),
        hubCode: hub.code,
        hubName: hub.name,
        own: h.originCode === center,
        republishedOn: done.get(h.storyId) ?? [],
      })),
      nextCursor: res.nextCursor || null,
    };
  }

  async get(center: string, storyId: string): Promise<SharedPoolStory> {
    const hub = this.hubOf(center);
    const story = await this.fetch(center, hub, storyId);
    return this.decorate(center, hub, story, await this.republishedOn(center, [storyId]));
  }

  /** 转载: a local copy with attribution, and news of it to the hub, which tells the origin. */
  async republish(center: string, storyId: string, channel: string, by: Principal): Promise<RepublishedStoryEntity> {
    const hub = this.hubOf(center);
    const story = await this.fetch(center, hub, storyId);
    if (story.originCode === center)
      throw new UnprocessableEntityException(`story ${storyId} was written by center ${center} itself; only a sibling’s story can be republished`);
    const now = new Date();
    const copy: RepublishedStoryEntity = {
      id: uuidv7(),
      centerCode: center,
      storyId: story.id,
      originCode: story.originCode,
      hubCode: hub.code,
      version: story.version,
      title: story.title,
      summary: story.summary || null,
      body: story.body,
      byline: story.byline,
      attribution: `来源：${this.nameOf(story.originCode)}（${hub.name}大稿库）`,
      category: story.category,
      tags: story.tags,
      contentHash: story.contentHash,
      channel: channel.trim(),
      republishedBy: by.userId,
      republishedByName: by.name,
      republishedAt: now,
    };
    return this.dataSource.transaction(async (m) => {
      // The hub served it before its takedown reached this center, or the takedown is committing now.
      await lockStoryShared(m, story.id);
      const tombstone = await this.tombstones.get(story.id, m);
      if (tombstone)
        throw new StateConflict(
          API_ERROR_CODES.storyWithdrawn,
          `story ${storyId} was withdrawn by ${tombstone.originCode} at ${tombstone.withdrawnAt.toISOString()} (${tombstone.reason}); it can no longer be republished`,
        );
      const inserted = await m.createQueryBuilder().insert().into(RepublishedStoryEntity).values(copy).orIgnore().returning(['id']).execute();
      if (inserted.raw.length === 0)
        throw new StateConflict(API_ERROR_CODES.alreadyRepublished, `story ${storyId} is already republished by center ${center} on channel ${copy.channel}`);
      // The copy's photos and video come from the hub's pool, pulled after the commit.
      await this.media.queue(m, center, hub.code, { id: story.id, originCode: story.originCode, ...contentOfGrpcStory(story) });
      await this.outbox.append(m, {
        type: STORY_REPUBLISHED,
        parent: hub.code,
        child: center,
        payload: {
          storyId: story.id,
          originCode: story.originCode,
          version: story.version,
          hubCode: hub.code,
          republishedBy: center,
          user: by.name,
          channel: copy.channel,
          republishedAt: now.toISOString(),
        },
      });
      await this.audit.record(m, {
        center,
        storyId: story.id,
        actor: actorOf(by),
        action: 'story.republished',
        before: null,
        after: {
          copyId: copy.id,
          originCode: story.originCode,
          hubCode: hub.code,
          version: story.version,
          channel: copy.channel,
          attribution: copy.attribution,
        },
        at: now,
      });
      this.logger.log({ msg: 'story republished', center, storyId, origin: story.originCode, hub: hub.code, channel: copy.channel, by: by.userId });
      return copy;
    });
  }

  listRepublished(center: string, q: PageQuery): Promise<Page<RepublishedStoryEntity>> {
    const qb = this.dataSource.getRepository(RepublishedStoryEntity).createQueryBuilder('r').where('r.center_code = :center', { center });
    return keysetPage(qb, { at: 'r.republished_at', id: 'r.id', limit: pageLimit(q), cursor: q.cursor, position: (r) => ({ at: r.republishedAt, id: r.id }) });
  }

  private async fetch(center: string, hub: Center, storyId: string): Promise<GrpcStory> {
    const story = await this.call(center, hub, `story ${storyId}`, (c, address) => c.getStory(address, hub.code, storyId));
    // What a sibling copies must be what its origin and the hub vouched for.
    const actual = contentHash(contentOfGrpcStory(story));
    if (actual !== story.contentHash)
      throw new BadGatewayException(`hub ${hub.code} served story ${storyId} with a content hash that does not match its content`);
    return story;
  }

  private decorate(center: string, hub: Center, s: GrpcStory, done: Map<string, string[]>): SharedPoolStory {
    return { ...s, originName: this.nameOf(s.originCode), hubName: hub.name, own: s.originCode === center, republishedOn: done.get(s.id) ?? [] };
  }

  private async republishedOn(center: string, ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (ids.length === 0) return out;
    const rows = await this.dataSource
      .getRepository(RepublishedStoryEntity)
      .find({ select: { storyId: true, channel: true }, where: { centerCode: center, storyId: In(ids) } });
    for (const r of rows) out.set(r.storyId, [...(out.get(r.storyId) ?? []), r.channel]);
    return out;
  }

  private hubOf(center: string): Center {
    const hub = this.directory.parentOf(center);
    if (!hub || !hub.grpc) throw new UnprocessableEntityException(`center ${center} has no parent pool to browse`);
    return hub;
  }

  private async call<T>(center: string, hub: Center, what: string, fn: (c: StoryPoolClient, address: string) => Promise<T>): Promise<T> {
    try {
      return await fn(this.pools.as(center), this.directory.grpcAddressOf(hub.code));
    } catch (e) {
      if (isGrpcStatus(e, status.NOT_FOUND)) throw new NotFoundException(`${what} is not in the pool of ${hub.code}`);
      if (isGrpcStatus(e, status.INVALID_ARGUMENT))
        throw new BadRequestException({ statusCode: 400, message: [`cursor: ${(e as Error).message}`], fields: ['cursor'] });
      throw new BadGatewayException(`hub ${hub.code} did not answer for ${what}: ${(e as Error).message}`);
    }
  }

  private nameOf(code: string): string {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}
