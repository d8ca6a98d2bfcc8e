import type { EntityManager } from 'typeorm';

/** What an adopting desk needs to know about a story it may adopt. */
export interface AdoptableStory {
  storyId: string;
  version: number;
  title: string;
  originCode: string;
  /** The pool the story is adopted from. */
  hubCode: string;
  authors: string[];
  embargoUntil: Date | null;
}

/**
 * Where a desk finds the stories it may adopt: a city its own pool, the province its index of
 * every pool. Returns null when the story is not within reach of `adopter`.
 */
export interface AdoptableStorySource {
  find(m: EntityManager, adopter: string, storyId: string): Promise<AdoptableStory | null>;
}

export const ADOPTABLE_STORIES = Symbol('ADOPTABLE_STORIES');
