import { diffWords } from 'diff';
import { useMemo } from 'react';

// Chinese has no spaces between words: the browser's word segmenter finds them, so a changed
// word is marked whole rather than as scattered characters.
const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh', { granularity: 'word' }) : undefined;

/** `text` compared with `base`: what only `text` has is marked added, what only `base` has is shown struck through. */
export function TextDiff({ base, text }: { base: string; text: string }) {
  const parts = useMemo(() => diffWords(base, text, segmenter ? { intlSegmenter: segmenter } : {}), [base, text]);
  return (
    <span className="text-diff" style={{ whiteSpace: 'pre-wrap' }}>
      {parts.map((p, i) =>
        p.added ? (
          <ins key={i} className="diff-added">
            {p.value}
          </ins>
        ) : p.removed ? (
          <del key={i} className="diff-removed">
            {p.value}
          </del>
        ) : (
          <span key={i}>{p.value}</span>
        ),
      )}
    </span>
  );
}
