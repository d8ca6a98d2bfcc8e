import { Module } from '@nestjs/common';
import { PersistencePart } from '@syn/persistence';
import { RelayDeliveries1764100500000 } from '../migrations/1764100500000-relay-deliveries';
import { DistributionRelay } from './distribution-relay';

/** The delivery ledger every relaying center keeps (county, city and province alike). */
export const relayPersistence: PersistencePart = {
  entities: [],
  migrations: [RelayDeliveries1764100500000],
};

@Module({
  providers: [DistributionRelay],
  exports: [DistributionRelay],
})
export class RelayModule {}
