/**
 * Per-story term weights for the pool search postings table.
 *
 * BM25's term-frequency half, computed once when a story enters the pool:
 * a title occurrence counts as TITLE_WEIGHT body occurrences (BM25F-style),
 * long stories are length-normalised. The idf half is applied at query time
 * (it drifts as the pool grows; the per-story half does not), so a stored
 * impact never needs rewriting after insert.
 *
 * Only salient postings are stored (impact ≥ SALIENT_MIN_IMPACT: the word is
 * in the title, or repeated, or the story is short). A word mentioned once in
 * a long body gets no row: those matches all score alike, so they are served
 * from the GIN index in recency order after the salient ones. That cuts the
 * table from every (word, story) pair (~500 per 4 KB story) to a few dozen.
 */

export const BM25_K1 = 1.2;
export const BM25_B = 0.75;
/** Title occurrences count this many times: a title hit outranks body mentions. */
export const TITLE_WEIGHT = 5;
/**
 * Typical words per story after segmentation and stopword removal (~4 KB
 * bodies). A fixed constant rather than the live average so stored impacts
 * stay comparable; revisit only if story length changes a lot.
 */
export const AVERAGE_STORY_WORDS = 600;
/** Impacts are stored ×1000 as smallint; max is (k1 + 1) × 1000 = 2200. */
export const IMPACT_SCALE = 1000;
/**
 * tf = 1 at average length gives 1000, tf = 2 gives 1375; 1200 keeps repeated
 * words, title words and words in stories under ~60% of average length.
 */
export const SALIENT_MIN_IMPACT = 1200;

export interface TermImpact {
  readonly term: string;
  /** Length-normalised, title-boosted BM25 tf component ×1000 (smallint). */
  readonly impact: number;
}

export interface StoryTermWeights {
  /** Salient postings only, highest impact first. */
  readonly postings: TermImpact[];
  /** Title + body words, kept on the story row for re-scoring later. */
  readonly wordCount: number;
}

export function termImpacts(titleWords: readonly string[], bodyWords: readonly string[], averageWords: number = AVERAGE_STORY_WORDS): StoryTermWeights {
  const weighted = new Map<string, number>();
  for (const w of bodyWords) weighted.set(w, (weighted.get(w) ?? 0) + 1);
  for (const w of titleWords) weighted.set(w, (weighted.get(w) ?? 0) + TITLE_WEIGHT);
  const wordCount = titleWords.length + bodyWords.length;
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * wordCount) / averageWords);
  const postings: TermImpact[] = [];
  for (const [term, tf] of weighted) {
    const impact = Math.round((IMPACT_SCALE * (tf * (BM25_K1 + 1))) / (tf + norm));
    if (impact >= SALIENT_MIN_IMPACT) postings.push({ term, impact });
  }
  postings.sort((a, b) => b.impact - a.impact || (a.term < b.term ? -1 : 1));
  return { postings, wordCount };
}

/**
 * Query-time idf ×100 as an integer, so summed scores are exact integers and
 * keyset cursors compare reliably. Mirrors the SQL in pool-search.sql.ts.
 */
export function idfWeight(documentFrequency: number, poolSize: number): number {
  const df = Math.max(0, documentFrequency);
  return Math.round(100 * Math.log(1 + (Math.max(poolSize, df) - df + 0.5) / (df + 0.5)));
}
