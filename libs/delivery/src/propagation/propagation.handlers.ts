import { Injectable, OnModuleInit } from '@nestjs/common';
import { DELIVERY_RECEIPT, DeliveryReceipt, Direction, STORY_CORRECTED, STORY_WITHDRAWN, StoryCorrected, StoryWithdrawn } from '@syn/contracts';
import { EventHandler, EventHandlerRegistry, InboundEvent } from '@syn/messaging';
import { HostedCenters, CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { Propagation } from './propagation.service';

class PropagationHandler<P> implements EventHandler<P> {
  constructor(
    readonly type: string,
    readonly direction: Direction,
    private readonly apply: (m: EntityManager, e: InboundEvent<P>) => Promise<void>,
  ) {}

  handle(m: EntityManager, e: InboundEvent<P>): Promise<void> {
    return this.apply(m, e);
  }
}

/**
 * Corrections, takedowns and receipts travel both ways. A direction is consumed only where it can
 * arrive: from children if a hosted center has any, from a parent if one has a parent.
 */
@Injectable()
export class PropagationHandlers implements OnModuleInit {
  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly propagation: Propagation,
    private readonly hosted: HostedCenters,
    private readonly directory: CenterDirectory,
  ) {}

  onModuleInit() {
    const directions: Direction[] = [];
    if (this.hosted.list().some((c) => this.directory.childrenOf(c).length > 0)) directions.push('up');
    if (this.hosted.list().some((c) => this.directory.get(c).parent !== null)) directions.push('down');
    for (const direction of directions) {
      this.registry.register(new PropagationHandler<StoryCorrected>(STORY_CORRECTED, direction, (m, e) => this.propagation.corrected(m, e)));
      this.registry.register(new PropagationHandler<StoryWithdrawn>(STORY_WITHDRAWN, direction, (m, e) => this.propagation.withdrawn(m, e)));
      this.registry.register(new PropagationHandler<DeliveryReceipt>(DELIVERY_RECEIPT, direction, (m, e) => this.propagation.receipt(m, e)));
    }
  }
}
