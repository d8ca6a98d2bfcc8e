import { quoteLexeme } from './segmenter';

/**
 * A story's words as one weighted `tsvector` literal, built from tokens the application already
 * segmented (PostgreSQL never parses Chinese, so the result does not depend on its locale).
 *
 * Weights follow where a word occurs: A title, B summary and tags, D body. Positions are the token
 * positions (title first, then summary and tags, then body), so `ts_rank` sees each word's
 * frequency and weight: that is the whole of the per-story ranking data, and the GIN index over
 * the column is the only index entry set a story costs. Highlights are computed in the app from
 * the stored text, so positions are not needed for them.
 */
export interface StoryTokens {
  readonly title: readonly string[];
  readonly body: readonly string[];
  /** Summary and tags, weighted between title and body. */
  readonly summary?: readonly string[];
}

/** PostgreSQL keeps at most 256 positions per lexeme and positions up to 16,383. */
const MAX_POSITIONS_PER_WORD = 255;
const MAX_POSITION = 16383;

export function storyTsvector(tokens: StoryTokens): string {
  const entries = new Map<string, string[]>();
  let position = 0;
  const add = (words: readonly string[], weight: string) => {
    for (const w of words) {
      position = Math.min(position + 1, MAX_POSITION);
      if (w.length === 0) continue;
      let list = entries.get(w);
      if (!list) entries.set(w, (list = []));
      if (list.length < MAX_POSITIONS_PER_WORD) list.push(`${position}${weight}`);
    }
  };
  add(tokens.title, 'A');
  add(tokens.summary ?? [], 'B');
  add(tokens.body, '');
  const out: string[] = [];
  for (const [word, positions] of entries) out.push(`${quoteLexeme(word)}:${positions.join(',')}`);
  return out.join(' ');
}

/** Distinct words of the tokens (what the GIN index holds for the story). */
export function distinctWords(tokens: StoryTokens): string[] {
  return [...new Set([...tokens.title, ...(tokens.summary ?? []), ...tokens.body])];
}
