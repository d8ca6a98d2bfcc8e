/**
 * Search-result snippets with the query words marked, computed in the app
 * on the ~20 rows of a page. ts_headline would need the segmented text
 * (spaces between every word) and re-parses the whole body per row; here the
 * original body is shown as written.
 */

export interface HighlightOptions {
  /** Characters of context in the snippet; default 120. */
  readonly maxLength?: number;
  readonly open?: string;
  readonly close?: string;
}

export interface Highlighted {
  /** HTML-escaped text with the matches wrapped in open/close. */
  readonly html: string;
  readonly matched: boolean;
}

export function highlightSnippet(text: string, words: readonly string[], options: HighlightOptions = {}): Highlighted {
  const maxLength = options.maxLength ?? 120;
  const pattern = matcher(words);
  const firstMatch = pattern ? pattern.exec(text) : null;
  let start = 0;
  if (firstMatch) {
    // Lead in with a little context, starting after a sentence break if one is close.
    start = Math.max(0, firstMatch.index - Math.floor(maxLength / 4));
    const lead = text.slice(start, firstMatch.index);
    const br = Math.max(lead.lastIndexOf('。'), lead.lastIndexOf('\n'), lead.lastIndexOf('！'), lead.lastIndexOf('？'));
    if (br >= 0) start += br + 1;
  }
  const slice = text.slice(start, start + maxLength);
  const html = mark(slice, pattern, options.open ?? '<mark>', options.close ?? '</mark>');
  return {
    html: (start > 0 ? '…' : '') + html + (start + maxLength < text.length ? '…' : ''),
    matched: firstMatch !== null,
  };
}

/** Whole text (e.g. a title) with matches marked. */
export function highlightAll(text: string, words: readonly string[], options: HighlightOptions = {}): string {
  return mark(text, matcher(words), options.open ?? '<mark>', options.close ?? '</mark>');
}

function matcher(words: readonly string[]): RegExp | null {
  const usable = [...new Set(words.filter((w) => w.length > 0))].sort((a, b) => b.length - a.length);
  if (usable.length === 0) return null;
  // Longest first so 赣州市 wins over 赣州 at the same position.
  return new RegExp(usable.map(escapeRegExp).join('|'), 'iu');
}

function mark(text: string, pattern: RegExp | null, open: string, close: string): string {
  if (!pattern) return escapeHtml(text);
  const global = new RegExp(pattern.source, 'giu');
  let out = '';
  let last = 0;
  for (const m of text.matchAll(global)) {
    const at = m.index ?? 0;
    out += escapeHtml(text.slice(last, at)) + open + escapeHtml(m[0]) + close;
    last = at + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
