import { ChannelOptions, credentials, loadPackageDefinition, ServiceError, status } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { join } from 'node:path';
import { CenterCredentials } from './center-credentials';
import { protoRoot, STORY_POOL_PROTO } from './proto-path';
import type { GrpcStory, ListStoriesRequest, ListStoriesResponse, SearchStoriesRequest, SearchStoriesResponse } from './story-pool.types';
import { BALANCED_CHANNEL } from './balanced-channel';

export const PROTO_LOADER_OPTIONS = { keepCase: false, longs: String, enums: String, defaults: true, oneofs: true } as const;

type Unary<Req, Res> = (req: Req, md: unknown, opts: { deadline: Date }, cb: (e: ServiceError | null, r: Res) => void) => void;
interface RawStoryPoolClient {
  GetStory: Unary<{ hubCode: string; storyId: string }, GrpcStory>;
  ListStories: Unary<ListStoriesRequest, ListStoriesResponse>;
  SearchStories: Unary<SearchStoriesRequest, SearchStoriesResponse>;
  close(): void;
}

type RawStoryPoolClientCtor = new (address: string, creds: ReturnType<typeof credentials.createInsecure>, options?: ChannelOptions) => RawStoryPoolClient;

/** Calls one hub's StoryPool; one channel per address, reused for every call. */
export class StoryPoolClient {
  private readonly clients = new Map<string, RawStoryPoolClient>();
  private readonly ctor: RawStoryPoolClientCtor;

  constructor(
    private readonly self: string,
    private readonly creds: CenterCredentials,
    private readonly timeoutMs = 5000,
  ) {
    const def = loadSync(join(protoRoot(), STORY_POOL_PROTO), { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot()] });
    const pkg = loadPackageDefinition(def) as unknown as { syndication: { v1: { StoryPool: RawStoryPoolClientCtor } } };
    this.ctor = pkg.syndication.v1.StoryPool;
  }

  getStory(address: string, hubCode: string, storyId: string): Promise<GrpcStory> {
    return this.call(address, hubCode, (c, md, opts, cb) => c.GetStory({ hubCode, storyId }, md, opts, cb));
  }

  listStories(address: string, req: ListStoriesRequest): Promise<ListStoriesResponse> {
    return this.call(address, req.hubCode, (c, md, opts, cb) => c.ListStories(req, md, opts, cb));
  }

  searchStories(address: string, req: SearchStoriesRequest): Promise<SearchStoriesResponse> {
    return this.call(address, req.hubCode, (c, md, opts, cb) => c.SearchStories(req, md, opts, cb));
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
    this.clients.clear();
  }

  private call<T>(
    address: string,
    hubCode: string,
    fn: (c: RawStoryPoolClient, md: unknown, opts: { deadline: Date }, cb: (e: ServiceError | null, r: T) => void) => void,
  ): Promise<T> {
    let client = this.clients.get(address);
    if (!client) {
      // Inter-center TLS is configured at the deployment edge (docs/security.md); inside it, plaintext HTTP/2.
      client = new this.ctor(address, credentials.createInsecure(), BALANCED_CHANNEL);
      this.clients.set(address, client);
    }
    // Bound to the hub called, so that hub cannot replay our credentials to another.
    const md = this.creds.metadataFor(this.self, hubCode);
    return new Promise<T>((resolve, reject) => fn(client!, md, { deadline: new Date(Date.now() + this.timeoutMs) }, (e, r) => (e ? reject(e) : resolve(r))));
  }
}

export const isGrpcStatus = (e: unknown, code: status): boolean => (e as ServiceError)?.code === code;
