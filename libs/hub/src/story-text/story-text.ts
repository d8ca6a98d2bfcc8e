import { ChineseSegmenter, simhash } from '@syn/chinese-text';
import type { PooledStoryText } from '@syn/contracts';
import { searchableText } from '../search/searchable-text';

/**
 * A story's text as search and near-duplicate detection read it: worked out once per story at the
 * hub that pools it (markup stripped, jieba, SimHash) and shipped up with story.pooled, so that the
 * province indexes without segmenting or stripping again.
 */
export interface StoryText {
  /** jieba cutForSearch tokens of the title, in text order, stopwords dropped (ChineseSegmenter.words). */
  titleWords: string[];
  /** The same of the plain-text body (searchableText). */
  bodyWords: string[];
  /** SimHash of the title and plain-text body (precise-mode words). */
  simhash: bigint;
}

export function analyzeStoryText(segmenter: ChineseSegmenter, title: string, bodyHtml: string): StoryText {
  const body = searchableText(bodyHtml);
  return {
    titleWords: segmenter.words(title),
    bodyWords: segmenter.words(body),
    simhash: simhash(`${title}\n${body}`, { segmenter }),
  };
}

/** Tokens never contain a space (the segmenter splits on every non-letter, non-digit), so a space joins them. */
export function storyTextToWire(t: StoryText): PooledStoryText {
  return { titleWords: t.titleWords.join(' '), bodyWords: t.bodyWords.join(' '), simhash: BigInt.asIntN(64, t.simhash).toString() };
}

export function storyTextFromWire(t: PooledStoryText): StoryText {
  const split = (s: string) => (s.length === 0 ? [] : s.split(' '));
  return { titleWords: split(t.titleWords), bodyWords: split(t.bodyWords), simhash: BigInt.asUintN(64, BigInt(t.simhash)) };
}
