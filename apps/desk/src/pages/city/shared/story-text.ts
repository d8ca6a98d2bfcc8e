/**
 * A story body (HTML from the editor) as plain paragraphs. DOMParser builds an inert document, so
 * nothing in the body runs or loads; the desk then renders text only, never the county's HTML.
 */
export function paragraphsOf(html: string): string[] {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const blocks = [...doc.body.querySelectorAll('p, h1, h2, h3, h4, li, blockquote')].filter((el) => !el.querySelector('p, li'));
  const texts = (blocks.length ? blocks : [doc.body]).map((el) => (el.textContent ?? '').trim()).filter(Boolean);
  return texts;
}

export function plainText(html: string): string {
  return paragraphsOf(html).join('\n');
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Plain text typed into a text area, as the paragraphs of a story body. */
export function htmlOf(text: string): string {
  return text
    .split(/\n+/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('');
}
