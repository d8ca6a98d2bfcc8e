import { Injectable } from '@nestjs/common';
import { AppEnv } from '@syn/config';
import type { Principal } from '@syn/auth';
import { CenterDirectory } from '@syn/network';

/** Who the decision is recorded as, so that a county sees "自动入库" rather than a person. */
export const autoAcceptPrincipal = (hub: string): Principal => ({ userId: 'auto-accept', name: '自动入库', role: 'curator', center: hub });

/**
 * A hub may trust some of its children (HUB_AUTO_ACCEPT_FROM): their submissions are accepted
 * into the pool the moment they arrive, in the same transaction, with no curator in between.
 * Only direct children qualify: a hub never vouches for a center it does not supervise.
 */
@Injectable()
export class AutoAcceptPolicy {
  private readonly all: boolean;
  private readonly trusted: ReadonlySet<string>;

  constructor(
    env: AppEnv,
    private readonly directory: CenterDirectory,
  ) {
    const list = env.HUB_AUTO_ACCEPT_FROM ?? [];
    this.all = list.includes('*');
    this.trusted = new Set(list.filter((c) => c !== '*'));
  }

  get enabled(): boolean {
    return this.all || this.trusted.size > 0;
  }

  trusts(hub: string, origin: string): boolean {
    if (!this.enabled || !this.directory.has(origin) || this.directory.get(origin).parent !== hub) return false;
    return this.all || this.trusted.has(origin);
  }
}
