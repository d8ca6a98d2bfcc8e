import type { MediaRef } from './media';

/** Shapes of the API answers the desk reads (see /docs-json); only the fields the desk uses. */
export type CenterLevel = 'county' | 'city' | 'province';

export interface CenterInfo {
  code: string;
  name: string;
  level: CenterLevel;
  parent: string | null;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  user: { id: string; center: string; username: string; displayName: string; role: string; roleLabel: string };
}

export interface Me {
  userId: string;
  name: string;
  role: string;
  roleLabel: string;
  center: string;
  kind?: 'account' | 'service';
  centerInfo: CenterInfo;
  /** Access-matrix action names this user may call at their center (story.create, review.decide, …). */
  actions: string[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Author {
  name: string;
  role?: string;
}

export interface Story {
  id: string;
  centerCode: string;
  version: number;
  status: string;
  statusLabel: string;
  title: string;
  summary: string | null;
  body: string;
  byline: string;
  authors: Author[];
  category: string;
  tags: string[];
  priority: string;
  embargoUntil?: string | null;
  mediaRefs?: MediaRef[];
  withdrawnAt: string | null;
  decisionReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StoryInput {
  title: string;
  summary?: string | null;
  body: string;
  byline: string;
  category: string;
  tags?: string[];
  authors?: Author[];
  embargoUntil?: string | null;
  /** Uploaded media as `media:<sha256>`, or media hosted elsewhere. */
  mediaRefs?: MediaRef[];
  /** The topic (选题) the story answers; set once, when it is written. */
  topicId?: string;
}

/** 请撤下 on an adoption: the story was withdrawn; done once the desk confirmed it is off its channels. */
export interface AdoptionTakedown {
  requestedAt: string;
  reason: string | null;
  doneAt: string | null;
  doneBy: string | null;
}
