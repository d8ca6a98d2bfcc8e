import { Injectable } from '@nestjs/common';
import { STORY_WITHDRAWN, StoryWithdrawn } from '@syn/contracts';
import { EventHandler, InboundEvent, OnTreeEvent } from '@syn/messaging';
import { EntityManager } from 'typeorm';
import { Propagation } from './propagation.service';

/** 撤稿: a takedown, from whichever neighbour holds or sent the story: it travels both ways, so it is consumed in each direction that can reach a hosted center. */
@Injectable()
@OnTreeEvent(STORY_WITHDRAWN)
export class StoryWithdrawnHandler implements EventHandler<StoryWithdrawn> {
  constructor(private readonly propagation: Propagation) {}

  handle(m: EntityManager, e: InboundEvent<StoryWithdrawn>): Promise<void> {
    return this.propagation.withdrawn(m, e);
  }
}
