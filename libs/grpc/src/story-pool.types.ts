/** JS shapes of proto/syndication/v1/story_pool.proto as loaded with keepCase: false. */
export interface GrpcAuthor {
  name: string;
  role: string;
}
export interface GrpcMediaRef {
  url: string;
  kind: string;
  caption: string;
}
export interface GrpcStory {
  id: string;
  originCode: string;
  hubCode: string;
  version: number;
  title: string;
  summary: string;
  body: string;
  byline: string;
  authors: GrpcAuthor[];
  category: string;
  tags: string[];
  regionCode: string;
  mediaRefs: GrpcMediaRef[];
  priority: string;
  embargoUntil: string;
  contentHash: string;
  createdAt: string;
  updatedAt: string;
  pooledAt: string;
  pooledBy: string;
}
export interface GetStoryRequest {
  hubCode: string;
  storyId: string;
}
export interface ListStoriesRequest {
  hubCode: string;
  limit?: number;
  cursor?: string;
  originCode?: string;
}
export interface ListStoriesResponse {
  stories: GrpcStory[];
  nextCursor: string;
}
export interface SearchStoriesRequest {
  hubCode: string;
  query: string;
  originCode?: string;
  category?: string;
  tags?: string[];
  pooledFrom?: string;
  pooledBefore?: string;
  cursor?: string;
  limit?: number;
}
export interface GrpcSearchHit {
  storyId: string;
  /** int64, as a decimal string (longs: String). */
  score: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  originCode: string;
  category: string;
  tags: string[];
  byline: string;
  version: number;
  pooledAt: string;
}
export interface SearchStoriesResponse {
  hits: GrpcSearchHit[];
  nextCursor: string;
  words: string[];
}
