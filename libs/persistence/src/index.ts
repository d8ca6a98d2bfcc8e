export * from './ensure-database';
export * from './persistence.options';
export * from './persistence.module';
export * from './snake-naming.strategy';
export * from './keyset-cursor';
export * from './page-query';
export * from './keyset-page';
export * from './deferred-inserts';
