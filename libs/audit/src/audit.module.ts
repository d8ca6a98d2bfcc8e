import { Global, Module } from '@nestjs/common';
import { PersistencePart } from '@syn/persistence';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditLog } from './audit-log';
import { AuditLog1764100310000 } from './migrations/1764100310000-audit-log';

export const auditPersistence: PersistencePart = {
  entities: [AuditEntryEntity],
  migrations: [AuditLog1764100310000],
};

/** Every app keeps an audit log of its own centers' story state changes. */
@Global()
@Module({ providers: [AuditLog], exports: [AuditLog] })
export class AuditModule {}
