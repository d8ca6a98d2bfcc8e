import { Global, Module } from '@nestjs/common';
import { PersistencePart } from '@syn/persistence';
import { AuditEntryEntity } from './audit-entry.entity';
import { AuditLog } from './audit-log';
import { AuditLog1764100310000 } from './migrations/1764100310000-audit-log';
import { AuditSubjects1764101614400 } from './migrations/1764101614400-audit-subjects';
import { CenterAuditController } from './center-audit.controller';

export const auditPersistence: PersistencePart = {
  entities: [AuditEntryEntity],
  migrations: [AuditLog1764100310000, AuditSubjects1764101614400],
};

/** Every app keeps an audit log of every state change at its own centers. */
@Global()
@Module({ controllers: [CenterAuditController], providers: [AuditLog], exports: [AuditLog] })
export class AuditModule {}
