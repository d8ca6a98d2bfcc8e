import { ChineseSegmenter, quoteLexeme, simhash, simhashBands, simhashProbeKeys, simhashToPg } from '@syn/chinese-text';
import { searchableText } from '@syn/hub';
import { sanitizeBody } from '@syn/story';

/** Positions kept per lexeme: enough for ts_rank_cd's cover density, far below PostgreSQL's 256. */
const MAX_POSITIONS = 8;
/** tsvector positions stop at 16,383; a 4 KB body has ~900 tokens. */
const MAX_POSITION = 16_383;

export interface StoryText {
  /** The body as the hub stores it, sanitised once. */
  body: string;
  /** A ready tsvector literal: title words weighted A, body words D, with positions. */
  tsvector: string;
  /** SimHash as a signed bigint string, its band keys (stored) and probe keys (looked up). */
  simhash: string;
  bands: number[];
  probeKeys: number[];
}

/**
 * The text work the floor's hub does once per story with the product's own code: sanitise the
 * body, cut title and plain text with jieba in search mode for the index, and the product's SimHash
 * (jieba in precise mode) for near-duplicates. The tsvector it builds travels to the province, which
 * segments nothing.
 */
export function storyText(segmenter: ChineseSegmenter, title: string, rawBody: string): StoryText {
  const body = sanitizeBody(rawBody);
  const text = searchableText(body);
  // Per lexeme its first positions, each marked A when it is in the title (D, the default, is unmarked).
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (words: string[], weight: 'A' | 'D') => {
    for (const w of words) {
      position = Math.min(position + 1, MAX_POSITION);
      const at = `${position}${weight === 'A' ? 'A' : ''}`;
      const entry = positions.get(w);
      if (!entry) positions.set(w, [at]);
      else if (entry.length < MAX_POSITIONS) entry.push(at);
    }
  };
  add(segmenter.words(title), 'A');
  add(segmenter.words(text), 'D');
  const parts: string[] = [];
  for (const [word, at] of positions) parts.push(`${quoteLexeme(word)}:${at.join(',')}`);
  const hash = simhash(`${title}\n${text}`, { segmenter });
  return { body, tsvector: parts.join(' '), simhash: simhashToPg(hash), bands: simhashBands(hash), probeKeys: simhashProbeKeys(hash) };
}
