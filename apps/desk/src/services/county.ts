import type {
  AdoptionFeedbackItem,
  AuditEntry,
  CountyStory,
  InboxRelease,
  InboxTopic,
  Republished,
  ReviewStep,
  SharedPoolHit,
  SharedPoolStory,
  StoryDeliveries,
  StoryVersionDetail,
  StoryVersionSummary,
} from './county-types';
import { request } from './request';
import type { Page, StoryInput } from './types';

/** The county newsroom's routes beyond the plain story CRUD of stories.ts (docs/roles.md, 县级). */
const c = (center: string) => `/api/v1/centers/${center}`;
const story = (center: string, id: string) => `${c(center)}/stories/${id}`;
type Q = { cursor?: string; limit?: number };

export const getCountyStory = (center: string, id: string, signal?: AbortSignal) => request<CountyStory>(story(center, id), { signal });
export const listCountyStories = (center: string, q: Q & { status?: string }, signal?: AbortSignal) =>
  request<Page<CountyStory>>(`${c(center)}/stories`, { query: q, signal });

export const signReview = (center: string, id: string, step: ReviewStep, note?: string) =>
  request<CountyStory>(`${story(center, id)}/review/advance`, { method: 'POST', body: { step, note: note || undefined } });
export const sendBack = (center: string, id: string, reason: string) =>
  request<CountyStory>(`${story(center, id)}/review/send-back`, { method: 'POST', body: { reason } });

export const listVersions = (center: string, id: string, signal?: AbortSignal) =>
  request<{ items: StoryVersionSummary[] }>(`${story(center, id)}/versions`, { signal });
export const getVersion = (center: string, id: string, v: number, signal?: AbortSignal) =>
  request<StoryVersionDetail>(`${story(center, id)}/versions/${v}`, { signal });
export const storyAudit = (center: string, id: string, q: Q = {}, signal?: AbortSignal) =>
  request<Page<AuditEntry>>(`${story(center, id)}/audit`, { query: q, signal });

export const correctStory = (center: string, id: string, input: Partial<StoryInput> & { note: string }) =>
  request<CountyStory>(`${story(center, id)}/corrections`, { method: 'POST', body: input });
export const withdrawStory = (center: string, id: string, reason: string) =>
  request<CountyStory>(`${story(center, id)}/withdrawal`, { method: 'POST', body: { reason } });
export const storyDeliveries = (center: string, id: string, signal?: AbortSignal) => request<StoryDeliveries>(`${c(center)}/deliveries/${id}`, { signal });

export const listAdoptionFeedback = (center: string, q: Q = {}, signal?: AbortSignal) =>
  request<Page<AdoptionFeedbackItem>>(`${c(center)}/adoption-feedback`, { query: q, signal });
export const listTopicInbox = (center: string, q: Q = {}, signal?: AbortSignal) => request<Page<InboxTopic>>(`${c(center)}/topic-inbox`, { query: q, signal });

export const listReleaseInbox = (center: string, q: Q = {}, signal?: AbortSignal) =>
  request<Page<InboxRelease>>(`${c(center)}/release-inbox`, { query: q, signal });
export const getRelease = (center: string, id: string, signal?: AbortSignal) => request<InboxRelease>(`${c(center)}/release-inbox/${id}`, { signal });
export const republishRelease = (center: string, id: string) => request<InboxRelease>(`${c(center)}/release-inbox/${id}/republish`, { method: 'POST' });

export const listSharedPool = (center: string, q: Q = {}, signal?: AbortSignal) =>
  request<Page<SharedPoolStory>>(`${c(center)}/shared-pool`, { query: q, signal });
export const searchSharedPool = (center: string, q: Q & { q: string }, signal?: AbortSignal) =>
  request<Page<SharedPoolHit>>(`${c(center)}/shared-pool/search`, { query: q, signal });
export const getSharedStory = (center: string, id: string, signal?: AbortSignal) => request<SharedPoolStory>(`${c(center)}/shared-pool/${id}`, { signal });
export const republishShared = (center: string, id: string, channel: string) =>
  request<Republished>(`${c(center)}/shared-pool/${id}/republish`, { method: 'POST', body: { channel } });
export const listRepublished = (center: string, q: Q = {}, signal?: AbortSignal) =>
  request<Page<Republished>>(`${c(center)}/republished`, { query: q, signal });
