import type { TestNetwork } from '@syn/testing';
import { submitStory } from '../../support/flow';

export interface NearDuplicateChanges {
  /** Title of the copy; the original's by default (a short story stays near only if its headline does). */
  title?: string;
  /** Turns the original's lead paragraph into the copy's. */
  lead?: (p: string) => string;
  /** Appended to the last paragraph: the copy's own closing words. */
  closing: string;
}

/**
 * Another county's version of the same event, filed through the API (the day assumes it): the
 * original's text with a few changes of its own, so that it joins the original's family and the
 * family page has differences to mark.
 */
export async function fileNearDuplicate(
  net: TestNetwork,
  county: string,
  of: { title: string; body: string },
  byline: string,
  changes: NearDuplicateChanges,
): Promise<string> {
  const paragraphs = [...of.body.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]!);
  if (paragraphs.length === 0) paragraphs.push(of.body);
  const lead = changes.lead ? changes.lead(paragraphs[0]!) : paragraphs[0]!;
  const rest = paragraphs.slice(1);
  const body = [lead, ...rest];
  body[body.length - 1] += changes.closing;
  return submitStory(net, county, {
    title: changes.title ?? of.title,
    body: body.map((p) => `<p>${p}</p>`).join(''),
    byline,
    authors: [{ name: byline.replace(/^记者\s*/, ''), role: 'reporter' }],
  });
}
