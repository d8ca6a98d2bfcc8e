import { Injectable } from '@nestjs/common';
import { STORY_CORRECTED, StoryCorrected } from '@syn/contracts';
import { EventHandler, InboundEvent, OnTreeEvent } from '@syn/messaging';
import { EntityManager } from 'typeorm';
import { Propagation } from './propagation.service';

/** 更正: a newer version of a story, from whichever neighbour holds or sent it: it travels both ways, so it is consumed in each direction that can reach a hosted center. */
@Injectable()
@OnTreeEvent(STORY_CORRECTED)
export class StoryCorrectedHandler implements EventHandler<StoryCorrected> {
  constructor(private readonly propagation: Propagation) {}

  handle(m: EntityManager, e: InboundEvent<StoryCorrected>): Promise<void> {
    return this.propagation.corrected(m, e);
  }
}
