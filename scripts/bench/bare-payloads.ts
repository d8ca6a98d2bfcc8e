import { STORY_SUBMITTED, type EventEnvelope, type StorySnapshot, type StorySubmitted } from '@syn/contracts';
import { contentHash } from '@syn/story';
import { v7 as uuidv7 } from 'uuid';
import { storyInput } from './story-payloads';

export interface BareMessage {
  id: string;
  subject: string;
  data: string;
}

/**
 * Story n as a county's outbox writes it: a story.submitted envelope around the full snapshot,
 * the same shape and size the network moves.
 */
export function submittedEnvelope(paragraphs: string[], n: number, county: string, submittedBy = `editor-${county}`): EventEnvelope<StorySubmitted> {
  const now = new Date().toISOString();
  const input = storyInput(paragraphs, n, county);
  const content = { ...input, summary: null, regionCode: county, mediaRefs: [], priority: 'normal' as const, embargoUntil: null };
  const story: StorySnapshot = { ...content, id: uuidv7(), originCode: county, version: 1, contentHash: contentHash(content), createdAt: now, updatedAt: now };
  return { id: uuidv7(), type: STORY_SUBMITTED, sender: county, occurredAt: now, payload: { story, submittedBy, submittedAt: now } };
}

/** The same bytes for the bare path, on a subject of its own stream. */
export function bareMessage(paragraphs: string[], n: number, county: string, hub: string): BareMessage {
  const envelope = submittedEnvelope(paragraphs, n, county);
  return { id: envelope.id, subject: `bare.up.${hub}.${county}.${STORY_SUBMITTED}`, data: JSON.stringify(envelope) };
}
