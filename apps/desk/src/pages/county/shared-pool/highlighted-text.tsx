import type { ReactNode } from 'react';

/**
 * The search's highlight markup (<mark>…</mark> around matched words) rendered without ever
 * handing the server's string to innerHTML: it is parsed inert, and only its text comes back,
 * with the marks as React elements. Any other tag the string might carry shows as its text.
 */
export function HighlightedText({ html }: { html: string }) {
  const doc = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  const parts: ReactNode[] = [];
  doc.body.childNodes.forEach((n, i) => {
    if (n.nodeType === Node.ELEMENT_NODE && (n as Element).tagName === 'MARK') parts.push(<mark key={i}>{n.textContent}</mark>);
    else parts.push(n.textContent);
  });
  return <span className="county-highlight">{parts}</span>;
}
