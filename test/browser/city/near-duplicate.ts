import type { TestNetwork } from '@syn/testing';
import { submitStory } from '../../support/flow';

/**
 * Another county's version of the same event, filed through the API (the day assumes it): the same
 * text with its own headline prefix, a changed name in the lead and a closing sentence of its own,
 * so the family page has differences to mark.
 */
export async function fileNearDuplicate(net: TestNetwork, county: string, of: { title: string; body: string }, byline: string): Promise<string> {
  const paragraphs = [...of.body.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]!);
  const lead = paragraphs[0] ?? of.body;
  const body = [lead.replace(/赣州市/g, '赣州'), ...paragraphs.slice(1), '记者从南康区融媒体中心获悉，相关做法已在全区推广。']
    .map((p) => `<p>${p}</p>`)
    .join('');
  return submitStory(net, county, {
    title: `南康：${of.title}`.slice(0, 120),
    body,
    byline,
    authors: [{ name: byline.replace(/^记者\s*/, ''), role: 'reporter' }],
  });
}
