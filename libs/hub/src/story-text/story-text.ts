import type { PooledStoryText } from '@syn/contracts';
import type { StoryAnalysis } from '../search/story-search-index';

/**
 * A story's text as search and near-duplicate detection read it: worked out once per story at the
 * hub that pools it (markup stripped, jieba search-mode words by field, SimHash; the search index's
 * `analyse`) and shipped up with story.pooled, so that the province indexes without segmenting or
 * stripping again.
 */
export type StoryText = StoryAnalysis;

/** Tokens never contain a space (the segmenter splits on every non-letter, non-digit), so a space joins them. */
export function storyTextToWire(t: StoryText): PooledStoryText {
  return {
    titleWords: t.tokens.title.join(' '),
    summaryWords: (t.tokens.summary ?? []).join(' '),
    bodyWords: t.tokens.body.join(' '),
    simhash: BigInt.asIntN(64, t.simhash).toString(),
  };
}

export function storyTextFromWire(t: PooledStoryText): StoryText {
  const split = (s: string | undefined) => (!s ? [] : s.split(' '));
  return {
    tokens: { title: split(t.titleWords), summary: split(t.summaryWords), body: split(t.bodyWords) },
    simhash: BigInt.asUintN(64, BigInt(t.simhash)),
  };
}
