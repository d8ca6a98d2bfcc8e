import { Fragment } from 'react';

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&#39;': "'", '&#x27;': "'" };
const unescape = (s: string) => s.replace(/&(lt|gt|amp|quot|#39|#x27);/g, (m) => ENTITIES[m] ?? m);

/**
 * Shows the search's titleHtml/snippetHtml: escaped text with the matched words in <mark>. It is
 * split into text and <mark> pieces and rendered by React, never as HTML, so nothing else in the
 * story's text can become markup.
 */
export function Highlighted({ html }: { html: string }) {
  const parts = html.split(/(<mark>[\s\S]*?<\/mark>)/);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith('<mark>') ? <mark key={i}>{unescape(p.slice(6, -7))}</mark> : <Fragment key={i}>{unescape(p.replace(/<[^>]*>/g, ''))}</Fragment>,
      )}
    </>
  );
}
