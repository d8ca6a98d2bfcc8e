import { Injectable } from '@nestjs/common';
import { DELIVERY_RECEIPT, DeliveryReceipt } from '@syn/contracts';
import { EventHandler, InboundEvent, OnTreeEvent } from '@syn/messaging';
import { EntityManager } from 'typeorm';
import { Propagation } from './propagation.service';

/** A receipt for a correction or takedown, on its way back to the center that sent it: it travels both ways, so it is consumed in each direction that can reach a hosted center. */
@Injectable()
@OnTreeEvent(DELIVERY_RECEIPT)
export class DeliveryReceiptHandler implements EventHandler<DeliveryReceipt> {
  constructor(private readonly propagation: Propagation) {}

  handle(m: EntityManager, e: InboundEvent<DeliveryReceipt>): Promise<void> {
    return this.propagation.receipt(m, e);
  }
}
