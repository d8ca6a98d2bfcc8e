import { Global, Module } from '@nestjs/common';
import { validateEnv } from '@syn/config';
import { PersistencePart } from '@syn/persistence';
import { CopyKeepers } from './copies/copy-keeper';
import { DeliveryEnv } from './delivery-env';
import { DeliveriesController } from './ledger/deliveries.controller';
import { DeliveryLedgerEntry } from './ledger/delivery-ledger.entity';
import { DeliveryLedger } from './ledger/delivery-ledger';
import { ReceiptAlertChecker } from './ledger/receipt-alert.checker';
import { DeliveryTables1764100400000 } from './migrations/1764100400000-delivery-tables';
import { DeliverySender } from './propagation/delivery-sender';
import { PropagationHandlers } from './propagation/propagation.handlers';
import { Propagation } from './propagation/propagation.service';
import { Reconciler } from './reconciliation/reconciler';
import { ReconciliationController } from './reconciliation/reconciliation.controller';
import { ReconciliationGrpcController } from './reconciliation/reconciliation.grpc-controller';
import { ReconciliationSources } from './reconciliation/reconciliation-sources';
import { TombstoneSources } from './reconciliation/tombstone.sources';
import { TombstoneEntity } from './tombstones/tombstone.entity';
import { Tombstones } from './tombstones/tombstones';

export const deliveryPersistence: PersistencePart = {
  entities: [DeliveryLedgerEntry, TombstoneEntity],
  migrations: [DeliveryTables1764100400000],
};

/**
 * Delivery guarantees every center app shares: the ledger of where stories went, tombstones,
 * propagation of corrections and takedowns with receipts, and reconciliation with the parent.
 */
@Global()
@Module({
  controllers: [DeliveriesController, ReconciliationController, ReconciliationGrpcController],
  providers: [
    { provide: DeliveryEnv, useFactory: () => validateEnv(DeliveryEnv) },
    DeliveryLedger,
    Tombstones,
    CopyKeepers,
    DeliverySender,
    Propagation,
    PropagationHandlers,
    ReceiptAlertChecker,
    ReconciliationSources,
    TombstoneSources,
    Reconciler,
  ],
  exports: [DeliveryEnv, DeliveryLedger, Tombstones, CopyKeepers, DeliverySender, ReconciliationSources, Reconciler],
})
export class DeliveryModule {}
