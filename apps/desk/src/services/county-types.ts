/** Answer shapes of the county routes the desk reads (see /docs-json); only the fields the desk uses. */
import type { MediaRef } from './media';
import type { Story } from './types';

export type ReviewStep = 'first' | 'second' | 'final';

export interface Signoff {
  step: ReviewStep;
  label: string;
  userId: string;
  name: string;
  at: string;
}

export interface ReviewState {
  stage: 'none' | ReviewStep;
  stageLabel: string;
  policySteps: 2 | 3;
  signoffs: Signoff[];
  awaiting: { step: ReviewStep; label: string; roles: string[] } | null;
  sentBackReason: string | null;
}

export interface Holder {
  kind: 'user' | 'center';
  id: string;
  name: string;
}

export interface StoryFeedback {
  kind: string;
  kindLabel: string;
  version: number;
  adopter: { code: string; name: string; level: string };
  adoptedBy: string;
  channel: string;
  note: string | null;
  adoptedAt: string;
  /** 积分 the adoption earned (from the adoption-feedback record); null or absent when none was given. */
  points?: number | null;
}

/** A county story as GET …/stories/:id answers it: with its 三审 state, holder and feedback. */
export interface CountyStory extends Story {
  topicId: string | null;
  embargoUntil: string | null;
  submittedVersion: number | null;
  submittedTo: string | null;
  decidedAt: string | null;
  withdrawalReason: string | null;
  review?: ReviewState;
  holder?: Holder | null;
  feedback?: StoryFeedback[];
  /** 选用 by the hub or the province (the adoption-feedback records of this story). */
  adoptions?: AdoptionFeedbackItem[];
}

export interface StoryVersionSummary {
  version: number;
  kind: 'created' | 'edited' | 'corrected' | 'withdrawn' | 'backfilled';
  at: string;
  by: { userId: string | null; name: string | null };
  title: string;
  contentHash: string;
  note: string | null;
}

export interface StoryVersionDetail extends StoryVersionSummary {
  storyId: string;
  content: { title?: string; summary?: string | null; body?: string; byline?: string; category?: string; tags?: string[] };
}

export interface AuditEntry {
  id: string;
  action: string;
  actor: { id?: string; name?: string; center?: string } | string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  at: string;
}

export interface DeliveryHolder {
  holder: string;
  holderName: string;
  version: number;
  kind: string;
  receiptStatus: 'none' | 'pending' | 'confirmed';
  receiptLabel: string;
  receiptAt: string | null;
  sentAt: string;
}

export interface StoryDeliveries {
  storyId: string;
  holders: DeliveryHolder[];
  confirmed: string[];
  pending: string[];
}

export interface AdoptionFeedbackItem {
  adoptionId: string;
  storyId: string;
  storyVersion: number;
  storyTitle: string;
  origin: { code: string; name: string };
  adopter: { code: string; name: string };
  channel: string;
  adoptedBy: string;
  adoptedAt: string;
  /** 积分 as the adopter weighed it; null when it keeps no weights. */
  points: number | null;
  label: string;
}

export interface InboxTopic {
  topicId: string;
  issuer: { code: string; name: string };
  title: string;
  brief: string;
  deadline: string;
  overdue: boolean;
  roleLabel: string;
  answeredStories: number;
  issuedAt: string;
}

export interface InboxRelease {
  releaseId: string;
  issuer: { code: string; name: string };
  revision: number;
  status: string;
  statusLabel: string;
  targeted: boolean;
  /** Null while the release is under embargo (禁发): the server withholds its text until then. */
  title: string | null;
  story: { id?: string; title?: string; summary?: string | null; body?: string; byline?: string; mediaRefs?: MediaRef[] } | null;
  embargoedUntil: string | null;
  note: string | null;
  issuedBy: string | null;
  issuedAt: string | null;
  receivedAt: string;
  republishedBy: string | null;
  republishedAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
}

/** A story of the parent hub's pool, as the shared-pool routes answer it. */
export interface SharedPoolStory {
  id: string;
  title: string;
  summary?: string | null;
  body?: string;
  byline?: string;
  category?: string;
  originCode: string;
  originName: string;
  hubName: string;
  own: boolean;
  republishedOn: string[];
  pooledAt?: string;
}

export interface SharedPoolHit {
  storyId: string;
  title: string;
  titleHtml: string;
  snippetHtml: string;
  originCode: string;
  originName: string;
  hubName: string;
  own: boolean;
  republishedOn: string[];
}

export interface Republished {
  id: string;
  storyId: string;
  title: string;
  channel: string;
  originCode?: string;
  republishedBy?: string;
  republishedAt: string;
}
