import { Injectable, Logger } from '@nestjs/common';
import { STORY_POOLED, StoryPooled } from '@syn/contracts';
import { assertContentHash, storyTextFromWire } from '@syn/hub';
import { EventHandler, InboundEvent, OnTreeEvent, PoisonMessageError } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { StoryIndexWriter } from './story-index.writer';

/** A city hub pooled a story: the provincial desk can now find it. */
@Injectable()
@OnTreeEvent(STORY_POOLED)
export class StoryPooledHandler implements EventHandler<StoryPooled> {
  private readonly logger = new Logger('StoryPooled');

  constructor(
    private readonly writer: StoryIndexWriter,
    private readonly directory: CenterDirectory,
  ) {}

  handle(m: EntityManager, e: InboundEvent<StoryPooled>): Promise<void> {
    return this.handleBatch(m, [e]);
  }

  /** A consumer batch in one statement per table; a poison event throws first, and the consumer isolates it. */
  async handleBatch(m: EntityManager, events: InboundEvent<StoryPooled>[]): Promise<void> {
    for (const e of events) {
      const { story, hubCode } = e.payload;
      if (hubCode !== e.route.child) throw new PoisonMessageError(`event ${e.envelope.id}: pooled by ${hubCode} but sent by ${e.route.child}`);
      // A hub pools only what its own subtree wrote.
      if (!this.directory.has(story.originCode) || !this.directory.isSelfOrAncestor(hubCode, story.originCode)) {
        throw new PoisonMessageError(`event ${e.envelope.id}: story ${story.id} from ${story.originCode} is not from the subtree of hub ${hubCode}`);
      }
      // The hash only: the hub refused unsafe HTML when the story entered its queue (assertSnapshotIntegrity), a
      // curator's edition changes no body, and the province never renders the body it keeps (snippets are
      // escaped plain text; a story opened is fetched from its hub).
      assertContentHash(story, e.envelope.id);
    }
    for (const province of new Set(events.map((e) => e.recipient))) {
      const changed = await this.writer.indexMany(
        m,
        events
          .filter((e) => e.recipient === province)
          .map((e) => ({
            story: e.payload.story,
            hubCode: e.payload.hubCode,
            pooledBy: e.payload.pooledBy,
            pooledAt: new Date(e.payload.pooledAt),
            edition: e.payload.edition ?? 0,
            text: e.payload.text && storyTextFromWire(e.payload.text),
          })),
        province,
      );
      if (changed.length) {
        this.logger.log({
          msg: 'stories indexed',
          province,
          count: changed.length,
          stories: changed.map((e) => ({ storyId: e.story.id, hub: e.hubCode, version: e.story.version, edition: e.edition ?? 0 })),
        });
      }
    }
  }
}
