import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { STORY_POOLED, StoryPooled } from '@syn/contracts';
import { assertSnapshotIntegrity } from '@syn/hub';
import { EventHandler, EventHandlerRegistry, InboundEvent, PoisonMessageError } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { StoryIndexWriter } from './story-index.writer';

/** A city hub pooled a story: the provincial desk can now find it. */
@Injectable()
export class StoryPooledHandler implements EventHandler<StoryPooled>, OnModuleInit {
  readonly type = STORY_POOLED;
  readonly direction = 'up' as const;
  private readonly logger = new Logger('StoryPooled');

  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly writer: StoryIndexWriter,
    private readonly directory: CenterDirectory,
  ) {}

  onModuleInit() {
    this.registry.register(this);
  }

  async handle(m: EntityManager, e: InboundEvent<StoryPooled>): Promise<void> {
    const { story, hubCode } = e.payload;
    if (hubCode !== e.route.child) throw new PoisonMessageError(`event ${e.envelope.id}: pooled by ${hubCode} but sent by ${e.route.child}`);
    // A hub pools only what its own subtree wrote.
    if (!this.directory.has(story.originCode) || !this.directory.isSelfOrAncestor(hubCode, story.originCode)) {
      throw new PoisonMessageError(`event ${e.envelope.id}: story ${story.id} from ${story.originCode} is not from the subtree of hub ${hubCode}`);
    }
    assertSnapshotIntegrity(story, e.envelope.id);
    const changed = await this.writer.onPooled(m, { story, hubCode, pooledBy: e.payload.pooledBy, pooledAt: new Date(e.payload.pooledAt), edition: e.payload.edition ?? 0 }, e.recipient);
    if (changed) this.logger.log({ msg: 'story indexed', province: e.recipient, hub: hubCode, origin: story.originCode, storyId: story.id, version: story.version, edition: e.payload.edition ?? 0 });
  }
}
