import { request } from './request';
import type { AuditEntry } from './review-queue';
import type { Author, Page } from './types';

export interface PoolStory {
  id: string;
  originCode: string;
  version: number;
  title: string;
  summary?: string | null;
  body: string;
  byline: string;
  authors: Author[];
  category: string;
  tags: string[];
  hubCode: string;
  pooledAt: string;
  pooledBy: string;
  edition: number;
  editedBy: string | null;
  editedAt: string | null;
  original: { title: string | null; summary: string | null; tags: string[] | null };
  recommendation: { recommendedBy: string; recommendedAt: string; note: string } | null;
}

export interface SearchHit {
  storyId: string;
  score: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  originCode: string;
  originName: string;
  category: string;
  tags: string[];
  byline: string;
  summary: string | null;
  version: number;
  status: string;
  pooledAt: string | null;
  receivedAt: string | null;
}

export interface SearchPage {
  q: string;
  words: string[];
  items: SearchHit[];
  nextCursor: string | null;
}

const base = (center: string) => `/api/v1/centers/${center}/pool`;

export function listPool(center: string, q: { origin?: string; cursor?: string; limit?: number } = {}, signal?: AbortSignal): Promise<Page<PoolStory>> {
  return request(base(center), { query: q, signal });
}

/** 大稿库检索; scope=queue searches the review queue instead. */
export function searchPool(
  center: string,
  q: { q: string; scope?: 'pool' | 'queue'; status?: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<SearchPage> {
  return request(`${base(center)}/search`, { query: q, signal });
}

export function getPoolStory(center: string, storyId: string, signal?: AbortSignal): Promise<PoolStory> {
  return request(`${base(center)}/${storyId}`, { signal });
}

export function editPoolStory(center: string, storyId: string, body: { title?: string; summary?: string; tags?: string[] }): Promise<PoolStory> {
  return request(`${base(center)}/${storyId}`, { method: 'PATCH', body });
}

export function recommendPoolStory(center: string, storyId: string, body: { note: string }): Promise<unknown> {
  return request(`${base(center)}/${storyId}/recommend`, { method: 'POST', body });
}

export function poolAudit(center: string, storyId: string, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return request(`${base(center)}/${storyId}/audit`, { query: { limit: 100 }, signal });
}
