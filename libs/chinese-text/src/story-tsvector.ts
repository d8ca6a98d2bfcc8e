import { quoteLexeme } from './segmenter';

/**
 * A story's words as the two tsvector literals the search stores, built from tokens the
 * application already segmented (PostgreSQL never parses Chinese, so nothing depends on its
 * locale):
 *
 * - `lexemes`: every distinct word, no positions. The GIN index over it answers "which stories
 *   contain these words" exactly; it is the only index entry set a story costs.
 * - `ranking`: the words that can rank the story, weighted by where they occur (A title, B
 *   summary and tags, D body) with their positions, so `ts_rank` sees weight and frequency. Body
 *   words count only when repeated (or when the story is short): a word mentioned once in a long
 *   body scores 0 and such stories come newest first, as BM25 would score them nearly alike. It
 *   holds a few dozen words, small enough to stay in the row (no TOAST read to rank a match).
 */
export interface StoryTokens {
  readonly title: readonly string[];
  readonly body: readonly string[];
  /** Summary and tags, weighted between title and body. */
  readonly summary?: readonly string[];
}

export interface StoryVectors {
  /** Literal for `::tsvector`: distinct words. */
  readonly lexemes: string;
  /** Literal for `::tsvector`: weighted words with positions. */
  readonly ranking: string;
}

/** A body shorter than this (in words, about 60% of a 4 KB story) ranks on every word it has. */
export const SHORT_BODY_WORDS = 360;
/** ts_rank's gain from a word's repeats is nearly flat past three (it converges to π²/6). */
const MAX_BODY_POSITIONS = 3;
/** PostgreSQL keeps at most 256 positions per lexeme and positions up to 16,383. */
const MAX_POSITIONS_PER_WORD = 255;
const MAX_POSITION = 16383;

export function storyVectors(tokens: StoryTokens): StoryVectors {
  // Built once per story at the hub and again at the province: one map entry per distinct word,
  // each word quoted once, at most three body positions kept per word (0.18-0.26 ms a story before,
  // 0.12-0.14 after, on the bench's 4 KB stories).
  const heads = new Map<string, string[]>();
  const body = new Map<string, number[]>();
  let position = 0;
  for (const [words, weight] of [
    [tokens.title, 'A'],
    [tokens.summary ?? [], 'B'],
  ] as const) {
    for (const w of words) {
      if (position < MAX_POSITION) position++;
      if (w.length === 0) continue;
      let list = heads.get(w);
      if (!list) heads.set(w, (list = []));
      if (list.length < MAX_POSITIONS_PER_WORD) list.push(position + weight);
    }
  }
  for (const w of tokens.body) {
    if (position < MAX_POSITION) position++;
    if (w.length === 0) continue;
    const list = body.get(w);
    if (!list) body.set(w, [position]);
    // Past the first three only "repeated" matters, and three positions already say it.
    else if (list.length < MAX_BODY_POSITIONS) list.push(position);
  }
  const short = tokens.body.length < SHORT_BODY_WORDS;
  let ranking = '';
  let lexemes = '';
  for (const [word, positions] of heads) {
    const quoted = quoteLexeme(word);
    let at = positions.join(',');
    const more = body.get(word);
    if (more) for (let i = 0; i < more.length && i < MAX_BODY_POSITIONS && positions.length + i < MAX_POSITIONS_PER_WORD; i++) at += `,${more[i]}`;
    ranking += ranking ? ` ${quoted}:${at}` : `${quoted}:${at}`;
    lexemes += lexemes ? ` ${quoted}` : quoted;
  }
  for (const [word, positions] of body) {
    if (heads.has(word)) continue;
    const quoted = quoteLexeme(word);
    lexemes += lexemes ? ` ${quoted}` : quoted;
    if (short || positions.length >= 2) {
      const at = positions.join(',');
      ranking += ranking ? ` ${quoted}:${at}` : `${quoted}:${at}`;
    }
  }
  return { lexemes, ranking };
}
