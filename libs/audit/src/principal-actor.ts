import type { Principal } from '@syn/auth';
import type { AuditActor } from './audit-log';

/** A desk user as the audit log names them. */
export const actorOf = (p: Principal): AuditActor => ({ id: p.userId, name: p.name, center: p.center });

/** A person at another center, known to us only by the name its event carried. */
export const remoteActor = (name: string, center: string): AuditActor => ({ id: `${name}@${center}`, name, center });
