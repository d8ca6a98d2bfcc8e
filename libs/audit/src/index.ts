export * from './audit-entry.entity';
export * from './audit-log';
export * from './audit.module';
export * from './changed-fields';
export * from './principal-actor';
