import { request } from './request';

export interface UserAccount {
  id: string;
  center: string;
  username: string;
  displayName: string;
  role: string;
  roleLabel: string;
  disabled: boolean;
  createdAt: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  password: string;
}

export interface ReviewPolicy {
  centerCode: string;
  steps: 2 | 3;
  sequence: { step: string; label: string }[];
  isDefault: boolean;
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface DeadLetter {
  id: string;
  consumer: string;
  subject: string;
  eventType: string | null;
  reason: string;
  deliveryCount: number;
  createdAt: string;
  replayedAt: string | null;
  replayError: string | null;
}

const c = (center: string) => `/api/v1/centers/${center}`;

export function listUsers(center: string, signal?: AbortSignal): Promise<{ items: UserAccount[] }> {
  return request(`${c(center)}/users`, { signal });
}

export function createUser(center: string, input: NewUser): Promise<UserAccount> {
  return request(`${c(center)}/users`, { method: 'POST', body: input });
}

export function updateUser(center: string, id: string, patch: { displayName?: string; role?: string; disabled?: boolean }): Promise<UserAccount> {
  return request(`${c(center)}/users/${id}`, { method: 'PATCH', body: patch });
}

export function setUserPassword(center: string, id: string, password: string): Promise<void> {
  return request(`${c(center)}/users/${id}/password`, { method: 'POST', body: { password } });
}

export function getReviewPolicy(center: string, signal?: AbortSignal): Promise<ReviewPolicy> {
  return request(`${c(center)}/review-policy`, { signal });
}

export function setReviewPolicy(center: string, steps: 2 | 3): Promise<ReviewPolicy> {
  return request(`${c(center)}/review-policy`, { method: 'PUT', body: { steps } });
}

export function listDeadLetters(center: string, q: { pending?: boolean; limit?: number }, signal?: AbortSignal): Promise<{ items: DeadLetter[] }> {
  return request(`${c(center)}/dead-letters`, { query: q, signal });
}

export function replayDeadLetter(center: string, id: string): Promise<unknown> {
  return request(`${c(center)}/dead-letters/${id}/replay`, { method: 'POST' });
}
