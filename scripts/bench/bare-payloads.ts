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
 * Story n as the bus carries it in the network: a story.submitted envelope around the full
 * snapshot, byte for byte the shape the county's outbox publishes, so that the bare path moves
 * the same bytes as ours.
 */
export function bareMessage(paragraphs: string[], n: number, county: string, hub: string): BareMessage {
  const now = new Date().toISOString();
  const input = storyInput(paragraphs, n, county);
  const content = { ...input, summary: null, regionCode: county, mediaRefs: [], priority: 'normal' as const, embargoUntil: null };
  const story: StorySnapshot = { ...content, id: uuidv7(), originCode: county, version: 1, contentHash: contentHash(content), createdAt: now, updatedAt: now };
  const envelope: EventEnvelope<StorySubmitted> = {
    id: uuidv7(),
    type: STORY_SUBMITTED,
    sender: county,
    occurredAt: now,
    payload: { story, submittedBy: `editor-${county}`, submittedAt: now },
  };
  return { id: envelope.id, subject: `bare.up.${hub}.${county}.${STORY_SUBMITTED}`, data: JSON.stringify(envelope) };
}
