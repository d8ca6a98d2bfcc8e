import { bodyText } from '@syn/story';

const BLOCK_END = /<\/(p|h[1-6]|li|blockquote|td|th|figcaption|tr)>|<br\s*\/?>/gi;

/**
 * A story body as searchable plain text: markup removed, and a space where a paragraph ended, so
 * the last word of one paragraph and the first of the next are never read as one word.
 */
export function searchableText(html: string): string {
  return bodyText(html.replace(BLOCK_END, '$& '));
}
