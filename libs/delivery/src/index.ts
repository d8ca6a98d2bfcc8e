export * from './delivery-env';
export * from './tombstones/tombstone.entity';
export * from './tombstones/tombstones';
export * from './copies/copy-keeper';
export * from './reconciliation/reconcile-item';
export * from './reconciliation/reconciliation-sources';
export * from './reconciliation/reconciler';
export * from './delivery.module';
