import { request } from './request';
import type { Author, Page } from './types';

/** The text of a submitted story as the queue keeps it (the county's snapshot). */
export interface StorySnapshot {
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
  priority?: string;
}

export interface Claim {
  claimedBy: string;
  claimedByName: string;
  expiresAt: string;
}

export interface FamilyMemberSummary {
  storyId: string;
  originCode: string;
  originName: string;
  title: string;
  status: string;
  pooled: boolean;
  mergedInto: string | null;
}

export interface QueueEntry {
  storyId: string;
  originCode: string;
  originName: string;
  version: number;
  status: 'pending' | 'accepted' | 'rejected' | 'returned';
  title: string;
  story: StorySnapshot;
  submittedBy: string;
  submittedAt: string;
  receivedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  claim: Claim | null;
  resubmission: { previousVersion: number; previousStatus: string; previousReason: string | null } | null;
  family: { familyId: string; members: FamilyMemberSummary[] } | null;
}

export interface FamilyMember {
  storyId: string;
  originCode: string;
  originName: string;
  status: string;
  pooled: boolean;
  mergedInto: string | null;
  distance: number | null;
  version: number;
  title: string;
  summary: string | null;
  body: string;
  byline: string;
  authors: Author[];
  category: string;
  tags: string[];
  receivedAt: string | null;
  pooledAt: string | null;
}

export interface Family {
  storyId: string;
  familyId: string | null;
  members: FamilyMember[];
}

export interface AuditEntry {
  id: string;
  storyId: string;
  action: string;
  actor: { id: string; name: string; center: string };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}

export type Decision = 'accept' | 'reject' | 'return';

const base = (center: string) => `/api/v1/centers/${center}/review-queue`;

export function listQueue(
  center: string,
  q: { status?: string; origin?: string; cursor?: string; limit?: number } = {},
  signal?: AbortSignal,
): Promise<Page<QueueEntry>> {
  return request(base(center), { query: q, signal });
}

export function getQueueEntry(center: string, storyId: string, signal?: AbortSignal): Promise<QueueEntry> {
  return request(`${base(center)}/${storyId}`, { signal });
}

export function claimStory(center: string, storyId: string): Promise<Claim> {
  return request(`${base(center)}/${storyId}/claim`, { method: 'POST' });
}

export function releaseStory(center: string, storyId: string): Promise<unknown> {
  return request(`${base(center)}/${storyId}/release`, { method: 'POST' });
}

export function decideStory(center: string, storyId: string, body: { decision: Decision; reason?: string }): Promise<unknown> {
  return request(`${base(center)}/${storyId}/decision`, { method: 'POST', body });
}

export function getFamily(center: string, storyId: string, signal?: AbortSignal): Promise<Family> {
  return request(`${base(center)}/${storyId}/family`, { signal });
}

export function mergeFamily(center: string, storyId: string, body: { members: string[]; title?: string; summary?: string; byline?: string }): Promise<unknown> {
  return request(`${base(center)}/${storyId}/merge`, { method: 'POST', body });
}

export function queueAudit(center: string, storyId: string, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return request(`${base(center)}/${storyId}/audit`, { query: { limit: 100 }, signal });
}
