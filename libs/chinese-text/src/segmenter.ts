import { readFileSync } from 'fs';
import { dirname, join } from 'path';
import { CHINESE_STOPWORDS } from './stopwords';

type JiebaInstance = InstanceType<typeof import('@node-rs/jieba').Jieba>;

/**
 * The dictionary is loaded on the first text segmented, not at start-up: it costs ~350 ms of CPU,
 * and a process that never segments (a province nobody searches yet, a hub before its first
 * story) should not pay it on every start. The dictionary file is read here and dropped once jieba
 * has built its own tables: the package's `dict` module reads its IDF table too and keeps both
 * buffers for the life of the process, 11 MB of resident memory that nothing here uses.
 */
function loadJieba(): JiebaInstance {
  // @node-rs/jieba ships CommonJS + a native addon; require keeps ts from
  // needing esModuleInterop shims around the class export.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Jieba } = require('@node-rs/jieba') as typeof import('@node-rs/jieba');
  return Jieba.withDict(readFileSync(join(dirname(require.resolve('@node-rs/jieba/package.json')), 'dict.txt')));
}

/**
 * Everything that is not a letter or a digit separates tokens. PostgreSQL's
 * default ts parser (used by the `simple` config) splits on `_`, `'`, `-` and
 * friends, so a token containing them would index as several lexemes while
 * the postings table stores it as one; cutting them here keeps both sides in
 * agreement and leaves nothing in a query string that tsquery could parse as
 * an operator.
 */
const NON_WORD = /[^\p{L}\p{N}]+/u;
/** Texts shorter than this are segmented every time (titles, queries): cheap, and too many to keep. */
const RECENT_MIN_CHARS = 256;
const RECENT_TEXTS = 32;
const HAS_WORD_CHAR = /[\p{L}\p{N}]/u;

export interface SegmentOptions {
  /** Search mode also emits the shorter words inside long ones (赣州市 → 赣州, 州市, 赣州市). */
  readonly mode?: 'search' | 'precise';
  /** Stopwords are dropped unless this is false. */
  readonly dropStopwords?: boolean;
}

/**
 * Chinese word segmentation for indexing and querying the story pool.
 *
 * Loading the jieba dictionary costs ~350 ms and ~50 MB, so the class is
 * meant to be held once per process: use `ChineseSegmenter.shared()` or
 * register one instance as a Nest provider.
 */
export class ChineseSegmenter {
  private static instance: ChineseSegmenter | undefined;
  private loaded: JiebaInstance | undefined;
  /**
   * The last few long texts segmented, per mode: a hub segments the same story body for its
   * near-duplicate fingerprint on arrival and again for the pool index when it is accepted in the
   * same transaction, and ~1 ms of jieba per 4 KB body was its largest CPU cost.
   */
  private readonly recent = new Map<string, string[]>();

  private get jieba(): JiebaInstance {
    this.loaded ??= loadJieba();
    return this.loaded;
  }

  static shared(): ChineseSegmenter {
    ChineseSegmenter.instance ??= new ChineseSegmenter();
    return ChineseSegmenter.instance;
  }

  /**
   * Tokens in text order (duplicates kept, so callers can count term
   * frequency). Full-width latin/digits become ASCII via NFKC, latin is
   * lowercased, punctuation and whitespace disappear.
   */
  words(text: string, options: SegmentOptions = {}): string[] {
    if (text.length < RECENT_MIN_CHARS) return this.segment(text, options);
    const key = `${options.mode ?? 'search'}${options.dropStopwords === false ? '+' : '-'}${text}`;
    let words = this.recent.get(key);
    if (words) {
      this.recent.delete(key);
    } else {
      words = this.segment(text, options);
      if (this.recent.size >= RECENT_TEXTS) this.recent.delete(this.recent.keys().next().value!);
    }
    this.recent.set(key, words);
    // A copy: callers own what they get.
    return words.slice();
  }

  private segment(text: string, options: SegmentOptions): string[] {
    const normalized = normalize(text);
    if (!HAS_WORD_CHAR.test(normalized)) return [];
    const dropStopwords = options.dropStopwords ?? true;
    const raw = options.mode === 'precise' ? this.jieba.cut(normalized, true) : this.jieba.cutForSearch(normalized, true);
    const out: string[] = [];
    for (const token of raw) {
      if (isPlainWord(token)) {
        if (!(dropStopwords && CHINESE_STOPWORDS.has(token))) out.push(token);
        continue;
      }
      // jieba keeps runs like "abc-def" or "3.5" together; split them the way PG would.
      for (const piece of token.split(NON_WORD)) {
        if (piece.length === 0) continue;
        if (dropStopwords && CHINESE_STOPWORDS.has(piece)) continue;
        out.push(piece);
      }
    }
    return out;
  }

  /**
   * Distinct words of a story as one space-separated string for
   * `to_tsvector('simple', $1)`. Distinct because the GIN index only answers
   * "does the story contain the word"; ranking comes from the postings table,
   * so positions would only make the tsvector bigger.
   */
  toTsvectorText(title: string, body: string): string {
    return this.lexemes(title, body).join(' ');
  }

  /** Same words as `toTsvectorText`, as an array for `array_to_tsvector($1::text[])`. */
  lexemes(title: string, body: string): string[] {
    return [...new Set([...this.words(title), ...this.words(body)])];
  }

  /**
   * Distinct query words, in the order the user typed them. Empty when the
   * query has no searchable word (only punctuation/stopwords).
   */
  queryWords(userQuery: string): string[] {
    return [...new Set(this.words(userQuery))];
  }

  /**
   * An AND query such as `'赣州' & '媒体'`, valid both as a `::tsquery`
   * literal and as input to `to_tsquery('simple', $1)`. Every word is quoted
   * and contains only letters/digits, so user input cannot smuggle in `|`,
   * `!`, `<->` or `:*`. Returns null for an empty query: callers must not run
   * a search for it (an empty tsquery matches nothing and PG emits a NOTICE).
   */
  toTsqueryText(userQuery: string): string | null {
    const words = this.queryWords(userQuery);
    if (words.length === 0) return null;
    return words.map(quoteLexeme).join(' & ');
  }
}

/**
 * True when every character is a common 汉字 or a lowercase ASCII letter or digit, as nearly every
 * jieba token of a normalised story is. Such a token needs no split, and testing its code units is
 * several times cheaper than the Unicode-property regex: that split had been as costly as jieba.
 */
function isPlainWord(token: string): boolean {
  if (token.length === 0) return false;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) continue;
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) continue;
    return false;
  }
  return true;
}

function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

const NEEDS_ESCAPE = /['\\]/;

/** Lexemes are already letters/digits only; escaping is belt and braces (and skipped when nothing needs it). */
export function quoteLexeme(word: string): string {
  if (!NEEDS_ESCAPE.test(word)) return `'${word}'`;
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}
