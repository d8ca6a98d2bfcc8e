import { REVIEW_DECIDED, ReviewDecided, STORY_CORRECTED, STORY_SUBMITTED, StorySubmitted } from '@syn/contracts';
import { makeSnapshot } from '@syn/testing';
import type { EntityManager } from 'typeorm';
import type { InboundEvent } from '../consumer/event-handler';
import { OnTreeEvent } from '../consumer/on-tree-event.decorator';
import { OutboxWriter } from '../outbox/outbox.writer';
import type { TreeTransport } from './tree-transport';

/**
 * The event map ties each type to its payload. The `@ts-expect-error` lines below are the test of
 * that: the typecheck (tsc over every spec) fails if any of them compiles. At run time, the
 * writer puts what the map allows on the subject the catalog gives.
 */
const submitted: StorySubmitted = { story: makeSnapshot('360702'), submittedBy: '刘敏', submittedAt: '2026-11-30T08:00:00.000Z' };
const decided: ReviewDecided = {
  storyId: submitted.story.id,
  version: 1,
  hubCode: '360700',
  decision: 'accepted',
  reason: null,
  decidedBy: '王芳',
  decidedAt: '2026-11-30T09:00:00.000Z',
} as ReviewDecided;

// Never called: compiled only, so the typecheck sees every line.
export const wrongPayloads = (writer: OutboxWriter, transport: TreeTransport, m: EntityManager) => [
  // @ts-expect-error a review decision is not what story.submitted carries
  writer.append(m, { type: STORY_SUBMITTED, parent: '360700', child: '360702', payload: decided }),
  // @ts-expect-error nor is a submission what review.decided carries, in a batch either
  writer.appendMany(m, [{ type: REVIEW_DECIDED, parent: '360700', child: '360702', payload: submitted }]),
  // @ts-expect-error a type the network does not speak
  writer.append(m, { type: 'story.lost', parent: '360700', child: '360702', payload: submitted }),
  // @ts-expect-error the one sender checks the same way
  transport.send(m, { type: STORY_CORRECTED, from: '360702', to: '360700', payload: submitted, storyId: 'x', version: 2, kind: 'correction' }),
  // @ts-expect-error and so does a relayed hop
  transport.up(m, { kind: 'topic-answer', id: 'x' }, '360702', REVIEW_DECIDED, submitted),
];

// @ts-expect-error a handler declared for story.submitted must take a StorySubmitted
@OnTreeEvent(STORY_SUBMITTED)
export class HandlesTheWrongPayload {
  async handle(_m: EntityManager, _e: InboundEvent<ReviewDecided>) {}
}

describe('the typed event map', () => {
  it('writes an event the map allows on the subject its catalog entry gives, with the payload as sent', async () => {
    const queries: Array<{ sql: string; params: unknown[][] }> = [];
    const m = { query: async (sql: string, params: unknown[][]) => void queries.push({ sql, params }) } as unknown as EntityManager;
    const envelope = await new OutboxWriter().append(m, { type: STORY_SUBMITTED, parent: '360700', child: '360702', payload: submitted });
    expect(envelope.payload.story.id).toBe(submitted.story.id);
    expect(envelope.sender).toBe('360702');
    const [ids, subjects, types] = queries[0].params;
    expect([ids[0], subjects[0], types[0]]).toEqual([envelope.id, 'syn.up.360700.360702.story.submitted', STORY_SUBMITTED]);
  });

  it('asks which way an event that travels both ways goes', async () => {
    const m = { query: async () => undefined } as unknown as EntityManager;
    const correction = { storyId: submitted.story.id } as never;
    await expect(new OutboxWriter().append(m, { type: STORY_CORRECTED, parent: '360700', child: '360702', payload: correction })).rejects.toThrow(
      'event type story.corrected travels both; asked to send it without a direction',
    );
  });
});
