export * from './proto-path';
export * from './grpc-errors';
export * from './grpc-exception.filter';
export * from './center-credentials';
export * from './story-pool.client';
export * from './story-pool.types';
export * from './grpc-server.options';
export * from './reconciliation.client';
