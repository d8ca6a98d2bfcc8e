import type { MediaRef } from './media';
import type { AdoptionTakedown } from './types';
import { request } from './request';
import type { Page } from './types';
import type { StorySnapshot } from './review-queue';

export interface CenterRef {
  code: string;
  name: string;
}

export interface TopicTarget extends CenterRef {
  status: 'answered' | 'late' | 'missing' | 'overdue';
  statusLabel: string;
  answered: boolean;
  late: boolean;
  answeredAt: string | null;
  answers: { center: CenterRef; storyId: string; storyTitle: string; answeredBy: string; answeredAt: string; late: boolean }[];
}

export interface Topic {
  topicId: string;
  issuer: CenterRef;
  title: string;
  brief: string;
  deadline: string;
  issuedBy: string;
  issuedAt: string;
  summary: { targets: number; answered: number; late: number; missing: string[] };
  targets: TopicTarget[];
}

export interface ReleaseTarget extends CenterRef {
  republished: boolean;
  statusLabel: string;
  republishers: { code: string; name: string; republishedBy: string; republishedAt: string }[];
}

export interface Release {
  releaseId: string;
  issuer: CenterRef;
  revision: number;
  status: string;
  statusLabel: string;
  story: StorySnapshot & { embargoUntil?: string | null };
  note: string | null;
  issuedBy: string;
  issuedAt: string;
  revisedAt: string;
  withdrawnBy: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  summary: { targets: number; republished: number; republishers: string[] };
  targets: ReleaseTarget[];
}

export interface ReleaseStoryInput {
  title: string;
  summary?: string;
  body: string;
  byline: string;
  category: string;
  embargoUntil?: string;
  /** Photos and video uploaded to the issuing center's library, as `media:<sha256>`. */
  mediaRefs?: MediaRef[];
}

export interface Adoption {
  adoptionId: string;
  storyId: string;
  storyVersion: number;
  storyTitle: string;
  origin: CenterRef;
  hub: CenterRef;
  channel: string;
  adoptedBy: string;
  adoptedAt: string;
  /** 请撤下: set once the story was withdrawn. */
  takedown: AdoptionTakedown | null;
}

const at = (center: string, path: string) => `/api/v1/centers/${center}/${path}`;

export function listTopics(center: string, q: { cursor?: string; limit?: number } = {}, signal?: AbortSignal): Promise<Page<Topic>> {
  return request(at(center, 'topics'), { query: q, signal });
}

export function issueTopic(center: string, body: { title: string; brief: string; deadline: string; targets?: string[] }): Promise<Topic> {
  return request(at(center, 'topics'), { method: 'POST', body });
}

export function listReleases(center: string, q: { cursor?: string; limit?: number } = {}, signal?: AbortSignal): Promise<Page<Release>> {
  return request(at(center, 'releases'), { query: q, signal });
}

export function issueRelease(center: string, body: { storyId?: string; story?: ReleaseStoryInput; note?: string; targets?: string[] }): Promise<Release> {
  return request(at(center, 'releases'), { method: 'POST', body });
}

export function correctRelease(center: string, releaseId: string, body: Partial<ReleaseStoryInput>): Promise<Release> {
  return request(at(center, `releases/${releaseId}/corrections`), { method: 'POST', body });
}

export function withdrawRelease(center: string, releaseId: string, body: { reason: string }): Promise<Release> {
  return request(at(center, `releases/${releaseId}/withdraw`), { method: 'POST', body });
}

export function listAdoptions(center: string, q: { cursor?: string; limit?: number } = {}, signal?: AbortSignal): Promise<Page<Adoption>> {
  return request(at(center, 'adoptions'), { query: q, signal });
}

/** 已撤下: the withdrawn story is off every channel this center adopted it for. */
export function confirmTakenDown(center: string, storyId: string): Promise<{ items: Adoption[] }> {
  return request(at(center, `adoptions/${storyId}/taken-down`), { method: 'POST' });
}

export function adoptStory(center: string, body: { storyId: string; channels: string[] }): Promise<unknown> {
  return request(at(center, 'adoptions'), { method: 'POST', body });
}

export interface TargetCenter extends CenterRef {
  level: string;
}

/** The centers right below this one: whom a topic or a release may be aimed at. */
export function listTargets(center: string, signal?: AbortSignal): Promise<{ items: TargetCenter[] }> {
  return request(at(center, 'targets'), { signal });
}
