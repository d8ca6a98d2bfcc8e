import { Injectable } from '@nestjs/common';
import type { AccountStatusChecker, Principal } from '@syn/auth';
import { DataSource } from 'typeorm';

interface Status {
  center: string;
  role: string;
  disabled: boolean;
  /** Seconds: tokens issued before this second are void. */
  notBefore: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The guard asks on every request whether an account may still act. One primary-key read, kept
 * for at most a second; a change made through this process drops the entry at once, so disabling
 * takes effect on the very next request (other replicas: within the second).
 */
@Injectable()
export class AccountStatusService implements AccountStatusChecker {
  static readonly TTL_MS = 1000;
  private readonly cache = new Map<string, { status: Status | null; at: number }>();

  constructor(private readonly dataSource: DataSource) {}

  async refusal(p: Principal): Promise<string | null> {
    if (!UUID.test(p.userId)) return 'account not found';
    const s = await this.status(p.userId);
    if (!s || s.center !== p.center) return 'account not found';
    if (s.disabled) return 'account is disabled';
    if (s.role !== p.role) return 'role changed since sign-in; sign in again';
    if ((p.issuedAt ?? 0) < s.notBefore) return 'password changed since sign-in; sign in again';
    return null;
  }

  forget(userId: string): void {
    this.cache.delete(userId);
  }

  private async status(userId: string): Promise<Status | null> {
    const hit = this.cache.get(userId);
    if (hit && Date.now() - hit.at < AccountStatusService.TTL_MS) return hit.status;
    const rows: Array<{ center_code: string; role: string; disabled_at: Date | null; password_changed_at: Date }> = await this.dataSource.query(
      `SELECT center_code, role, disabled_at, password_changed_at FROM users WHERE id = $1`,
      [userId],
    );
    const r = rows[0];
    const status = r
      ? { center: r.center_code, role: r.role, disabled: r.disabled_at !== null, notBefore: Math.floor(r.password_changed_at.getTime() / 1000) }
      : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(userId, { status, at: Date.now() });
    return status;
  }
}
