import { Global, Module } from '@nestjs/common';
import { validateEnv } from '@syn/config';
import { PersistencePart } from '@syn/persistence';
import { CopyKeepers } from './copies/copy-keeper';
import { DeliveryEnv } from './delivery-env';
import { DeliveriesController } from './ledger/deliveries.controller';
import { ReceiptAlertChecker } from './ledger/receipt-alert.checker';
import { DeliveryTables1764100400000 } from './migrations/1764100400000-delivery-tables';
import { DeliveryReceiptHandler } from './propagation/delivery-receipt.handler';
import { StoryCorrectedHandler } from './propagation/story-corrected.handler';
import { StoryWithdrawnHandler } from './propagation/story-withdrawn.handler';
import { Propagation } from './propagation/propagation.service';
import { Reconciler } from './reconciliation/reconciler';
import { ReconciliationController } from './reconciliation/reconciliation.controller';
import { ReconciliationGrpcController } from './reconciliation/reconciliation.grpc-controller';
import { ReconciliationSources } from './reconciliation/reconciliation-sources';
import { TombstoneSources } from './reconciliation/tombstone.sources';
import { TombstoneEntity } from './tombstones/tombstone.entity';
import { Tombstones } from './tombstones/tombstones';

export const deliveryPersistence: PersistencePart = {
  entities: [TombstoneEntity],
  migrations: [DeliveryTables1764100400000],
};

/**
 * Delivery guarantees every center app shares, built on the tree transport and its ledger:
 * tombstones, propagation of corrections and takedowns with receipts, the desk's view of the
 * ledger, and reconciliation with the parent.
 */
@Global()
@Module({
  controllers: [DeliveriesController, ReconciliationController, ReconciliationGrpcController],
  providers: [
    { provide: DeliveryEnv, useFactory: () => validateEnv(DeliveryEnv) },
    Tombstones,
    CopyKeepers,
    Propagation,
    StoryCorrectedHandler,
    StoryWithdrawnHandler,
    DeliveryReceiptHandler,
    ReceiptAlertChecker,
    ReconciliationSources,
    TombstoneSources,
    Reconciler,
  ],
  exports: [DeliveryEnv, Tombstones, CopyKeepers, ReconciliationSources, Reconciler],
})
export class DeliveryModule {}
