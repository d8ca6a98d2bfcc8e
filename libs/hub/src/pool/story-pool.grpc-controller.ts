import { Metadata } from '@grpc/grpc-js';
import { BadRequestException, Controller, UseFilters } from '@nestjs/common';
import { GrpcMethod } from '@nestjs/microservices';
import { AppEnv } from '@syn/config';
import {
  CenterCredentials,
  CenterKeyring,
  GrpcExceptionFilter,
  GrpcStory,
  invalidArgument,
  ListStoriesResponse,
  notFound,
  permissionDenied,
  SearchStoriesResponse,
  unauthenticated,
} from '@syn/grpc';
import { CenterDirectory, HostedCenters } from '@syn/network';
import { validateObject } from '@syn/story';
import { PoolSearchService } from '../search/pool-search.service';
import { SearchStoriesGrpcRequest } from '../search/search-stories.grpc-request';
import { GetStoryGrpcRequest, ListStoriesGrpcRequest } from './pool.dto';
import { PoolService } from './pool.service';
import { grpcStoryFromPoolRow } from './pool-story.mapper';

/**
 * StoryPool over gRPC. A hub serves its pool to the centers above it (the province) and to its
 * own children; anyone else is refused, whatever they ask for.
 */
@Controller()
@UseFilters(GrpcExceptionFilter)
export class StoryPoolGrpcController {
  private readonly credentials: CenterCredentials;

  constructor(
    private readonly pool: PoolService,
    private readonly directory: CenterDirectory,
    private readonly hosted: HostedCenters,
    private readonly search: PoolSearchService,
    env: AppEnv,
  ) {
    this.credentials = new CenterCredentials(CenterKeyring.fromEnv(env));
  }

  @GrpcMethod('StoryPool', 'GetStory')
  async getStory(raw: unknown, md: Metadata): Promise<GrpcStory> {
    const cred = this.credentials.verify(md);
    const req = await this.validate(GetStoryGrpcRequest, raw);
    this.authorise(cred, req.hubCode);
    try {
      return grpcStoryFromPoolRow(await this.pool.get(req.hubCode, req.storyId, cred.center));
    } catch {
      throw notFound(`story ${req.storyId} is not in the pool of ${req.hubCode}`);
    }
  }

  @GrpcMethod('StoryPool', 'ListStories')
  async listStories(raw: unknown, md: Metadata): Promise<ListStoriesResponse> {
    const cred = this.credentials.verify(md);
    const req = await this.validate(ListStoriesGrpcRequest, raw);
    this.authorise(cred, req.hubCode);
    const limit = req.limit ? req.limit : 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw invalidArgument('limit must be 1..200');
    const page = await this.pool.page(req.hubCode, { limit, cursor: req.cursor || undefined, origin: req.originCode || undefined, viewer: cred.center });
    return { stories: page.items.map(grpcStoryFromPoolRow), nextCursor: page.nextCursor ?? '' };
  }

  @GrpcMethod('StoryPool', 'SearchStories')
  async searchStories(raw: unknown, md: Metadata): Promise<SearchStoriesResponse> {
    const cred = this.credentials.verify(md);
    const req = await this.validate(SearchStoriesGrpcRequest, raw);
    this.authorise(cred, req.hubCode);
    const limit = req.limit ? req.limit : 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidArgument('limit must be 1..100');
    const from = req.pooledFrom ? new Date(req.pooledFrom) : undefined;
    const to = req.pooledBefore ? new Date(req.pooledBefore) : undefined;
    if ((from && isNaN(from.getTime())) || (to && isNaN(to.getTime()))) throw invalidArgument('pooled_from / pooled_before must be ISO 8601 times');
    try {
      const page = await this.search.searchPool(
        req.hubCode,
        {
          q: req.query,
          county: req.originCode || undefined,
          category: req.category || undefined,
          tags: req.tags?.length ? req.tags : undefined,
          from,
          to,
          cursor: req.cursor || undefined,
          limit,
        },
        cred.center,
      );
      return {
        hits: page.items.map((h) => ({
          storyId: h.storyId,
          score: h.score,
          title: h.title,
          titleHtml: h.titleHtml,
          snippetHtml: h.snippetHtml,
          originCode: h.originCode,
          category: h.category,
          tags: h.tags,
          byline: h.byline,
          version: h.version,
          pooledAt: h.pooledAt ?? '',
        })),
        nextCursor: page.nextCursor ?? '',
        words: page.words,
      };
    } catch (e) {
      if (e instanceof BadRequestException) throw invalidArgument(((e.getResponse() as { message?: string[] }).message ?? [e.message]).join('; '));
      throw e;
    }
  }

  private async validate<T extends object>(cls: new () => T, raw: unknown): Promise<T> {
    try {
      return await validateObject(cls, raw);
    } catch (e) {
      throw invalidArgument((e as Error).message);
    }
  }

  private authorise({ center: caller, audience }: { center: string; audience: string }, hub: string) {
    if (!this.hosted.has(hub)) throw notFound(`hub ${hub} is not served here`);
    if (audience !== hub) throw unauthenticated(`credentials of center ${caller} were made for ${audience}, not for hub ${hub}`);
    const isChild = this.directory.has(caller) && this.directory.get(caller).parent === hub;
    if (caller !== hub && !isChild && !this.directory.isSelfOrAncestor(caller, hub)) {
      throw permissionDenied(`center ${caller} may not read the pool of ${hub}`);
    }
  }
}
