import { request } from './request';
import type { Page, Story, StoryInput } from './types';

const base = (center: string) => `/api/v1/centers/${center}/stories`;

export function listStories(center: string, q: { status?: string; cursor?: string; limit?: number } = {}, signal?: AbortSignal): Promise<Page<Story>> {
  return request(base(center), { query: q, signal });
}

export function getStory(center: string, id: string, signal?: AbortSignal): Promise<Story> {
  return request(`${base(center)}/${id}`, { signal });
}

export function createStory(center: string, input: StoryInput): Promise<Story> {
  return request(base(center), { method: 'POST', body: input });
}

export function updateStory(center: string, id: string, input: Partial<StoryInput>): Promise<Story> {
  return request(`${base(center)}/${id}`, { method: 'PATCH', body: input });
}

export function submitStory(center: string, id: string): Promise<Story> {
  return request(`${base(center)}/${id}/submit`, { method: 'POST' });
}
