import type { MediaRef } from './media';
import type { AdoptionTakedown } from './types';
import { request } from './request';
import { sessionStore } from './session-store';
import { refreshSession } from './token-refresh';
import { decodeError } from './api-error';
import type { Page } from './types';

/** A center as the province's answers name it. */
export interface NamedCenter {
  code: string;
  name: string;
}

/** One story of the provincial index (index list), or one search hit (then with highlights). */
export interface IndexEntry {
  storyId: string;
  version: number;
  title: string;
  summary: string | null;
  byline: string;
  category: string;
  tags: string[];
  priority: string;
  city: NamedCenter;
  origin: NamedCenter;
  pooledAt: string;
  recommended?: boolean;
  recommendation?: { label: string; note: string | null; recommendedBy: string; recommendedAt: string } | null;
  /** Search only: the title and a snippet with the matched words in <mark>. */
  titleHtml?: string;
  snippetHtml?: string;
}

export interface IndexFilters {
  city?: string;
  county?: string;
  category?: string;
  from?: string;
  to?: string;
  recommended?: 'true' | 'false';
}

/** The full text of an indexed story, pulled from its hub over gRPC. */
export interface IndexedStory {
  id: string;
  originCode: string;
  hubCode: string;
  version: number;
  title: string;
  summary: string;
  body: string;
  byline: string;
  authors: { name: string; role?: string }[];
  category: string;
  tags: string[];
  pooledAt: string;
  city: string;
  origin: string;
}

export interface Adoption {
  adoptionId: string;
  storyId: string;
  storyVersion: number;
  storyTitle: string;
  origin: NamedCenter;
  hub: NamedCenter;
  channel: string;
  adoptedBy: string;
  adoptedAt: string;
  /** 请撤下: set once the story was withdrawn. */
  takedown: AdoptionTakedown | null;
}

export interface TopicTarget extends NamedCenter {
  status: string;
  statusLabel: string;
  answered: boolean;
  late: boolean;
  answeredAt: string | null;
  answers: { center: NamedCenter; storyId: string; storyTitle: string; answeredBy: string; answeredAt: string; late: boolean }[];
}

export interface Topic {
  topicId: string;
  title: string;
  brief: string;
  deadline: string;
  issuedBy: string;
  issuedAt: string;
  summary: { targets: number; answered: number; late: number; missing: string[] };
  targets: TopicTarget[];
}

export interface TopicInput {
  title: string;
  brief: string;
  deadline: string;
  targets?: string[];
}

export interface ReleaseTarget extends NamedCenter {
  republished: boolean;
  statusLabel: string;
  republishers: { code: string; name: string; republishedBy: string; republishedAt: string }[];
}

export interface Release {
  releaseId: string;
  revision: number;
  status: 'active' | 'withdrawn';
  statusLabel: string;
  story: { title: string; summary?: string | null; byline: string; category: string; embargoUntil?: string | null };
  note: string | null;
  issuedBy: string;
  issuedAt: string;
  summary: { targets: number; republished: number };
  targets: ReleaseTarget[];
}

export interface ReleaseInput {
  story: { title: string; summary?: string; body: string; byline: string; category: string; embargoUntil?: string; mediaRefs?: MediaRef[] };
  note?: string;
  targets?: string[];
}

export interface Figures {
  submitted: number;
  accepted: number;
  rejected: number;
  adoptedCity: number;
  adoptedProvince: number;
  republished: number;
  topicsAnswered: number;
  points: number;
  rank?: number;
}

export interface MonthlyReport {
  month: string;
  weights: PointsWeights;
  centers: (Figures & NamedCenter & { level: string })[];
  authors: (Figures & { name: string; center: NamedCenter })[];
  totals: Figures;
  ledgerEntries: number;
}

export interface LedgerEntry {
  entryId: string;
  kind: string;
  storyId: string;
  storyVersion: number;
  originCode: string;
  authors: string[];
  level: string | null;
  channel: string | null;
  actorCode: string;
  recordedBy: string;
  occurredAt: string;
}

export interface PointsWeights {
  province: number;
  city: number;
  republish: number;
}

export interface Delivery {
  storyId: string;
  holder: string;
  holderName: string;
  /** channels: a 请撤下 to this desk itself (an adopted story was withdrawn). */
  request: 'channels' | null;
  version: number;
  kind: string;
  receiptStatus: 'none' | 'pending' | 'confirmed';
  receiptLabel: string;
  receiptAt: string | null;
  sentAt: string;
}

const c = (center: string) => `/api/v1/centers/${center}`;

export function listIndex(center: string, q: IndexFilters & { cursor?: string; limit?: number }, signal?: AbortSignal): Promise<Page<IndexEntry>> {
  return request(`${c(center)}/index`, { query: { ...q }, signal });
}

export function searchIndex(
  center: string,
  q: IndexFilters & { q: string; cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<Page<IndexEntry> & { words: string[] }> {
  // The search has no 推荐 filter: it ranks by relevance over every pool.
  const { recommended: _ignored, ...rest } = q;
  return request(`${c(center)}/index/search`, { query: { ...rest }, signal });
}

export function openIndexed(center: string, storyId: string, signal?: AbortSignal): Promise<IndexedStory> {
  return request(`${c(center)}/index/${storyId}`, { signal });
}

export function adopt(center: string, storyId: string, channels: string[]): Promise<{ items: Adoption[] }> {
  return request(`${c(center)}/adoptions`, { method: 'POST', body: { storyId, channels } });
}

export function listAdoptions(center: string, q: { storyId?: string; cursor?: string; limit?: number }, signal?: AbortSignal): Promise<Page<Adoption>> {
  return request(`${c(center)}/adoptions`, { query: q, signal });
}

/** 已撤下: the withdrawn story is off every channel this desk adopted it for. */
export function listTopics(center: string, q: { cursor?: string; limit?: number }, signal?: AbortSignal): Promise<Page<Topic>> {
  return request(`${c(center)}/topics`, { query: q, signal });
}

export function issueTopic(center: string, input: TopicInput): Promise<Topic> {
  return request(`${c(center)}/topics`, { method: 'POST', body: input });
}

export function listReleases(center: string, q: { cursor?: string; limit?: number }, signal?: AbortSignal): Promise<Page<Release>> {
  return request(`${c(center)}/releases`, { query: q, signal });
}

export function issueRelease(center: string, input: ReleaseInput): Promise<Release> {
  return request(`${c(center)}/releases`, { method: 'POST', body: input });
}

export function monthlyStatistics(center: string, month: string | undefined, signal?: AbortSignal): Promise<MonthlyReport> {
  return request(`${c(center)}/statistics/monthly`, { query: { month }, signal });
}

export function statisticsLedger(center: string, month: string | undefined, signal?: AbortSignal): Promise<{ month: string; items: LedgerEntry[] }> {
  return request(`${c(center)}/statistics/ledger`, { query: { month }, signal });
}

export function getWeights(center: string, signal?: AbortSignal): Promise<PointsWeights> {
  return request(`${c(center)}/statistics/weights`, { signal });
}

export function setWeights(center: string, w: PointsWeights): Promise<PointsWeights> {
  return request(`${c(center)}/statistics/weights`, { method: 'PUT', body: w });
}

export function listDeliveries(center: string, q: { status?: 'pending'; limit?: number }, signal?: AbortSignal): Promise<{ items: Delivery[] }> {
  return request(`${c(center)}/deliveries`, { query: q, signal });
}

export function checkOverdue(center: string): Promise<{ overdue: { storyId: string; holder: string; version: number; kind: string; sentAt: string }[] }> {
  return request(`${c(center)}/deliveries/overdue-check`, { method: 'POST' });
}

/**
 * The monthly CSV, fetched with the bearer token (never a token in the URL) and handed to the
 * browser as a file. request() reads JSON, so this one call reads the body as a Blob.
 */
export async function downloadMonthlyCsv(center: string, month: string | undefined, scope: 'centers' | 'authors'): Promise<void> {
  const q = new URLSearchParams({ scope, ...(month ? { month } : {}) });
  const path = `${c(center)}/statistics/monthly.csv?${q.toString()}`;
  const send = () => fetch(path, { headers: { Accept: 'text/csv', Authorization: `Bearer ${sessionStore.get()?.accessToken ?? ''}` } });
  let res = await send();
  if (res.status === 401 && (await refreshSession())) res = await send();
  if (!res.ok) {
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    throw decodeError(res.status, body);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ?? `statistics-${center}-${scope}.csv`;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
