import { Injectable } from '@nestjs/common';
import type { Direction, StoryCorrected, StoryWithdrawn } from '@syn/contracts';
import type { EntityManager } from 'typeorm';

export interface CopyChange<P> {
  /** The hosted center the event is addressed to. */
  center: string;
  /** The neighbour that sent this hop. */
  from: string;
  direction: Direction;
  eventId: string;
  change: P;
}

export interface CopyKeeperResult {
  /** applied: this keeper's copy changed; stale: it already had this version or newer; not-held: no copy here. */
  outcome: 'applied' | 'stale' | 'not-held';
  /** Neighbours that must get the change even if the ledger does not list them (e.g. the parent of a pool). */
  relayTo?: string[];
}

/**
 * A feature that keeps copies of stories (the hub's review queue and pool, the provincial index,
 * a newsroom's republished copies…). Corrections and takedowns are applied through every
 * registered keeper inside the consumer's transaction. Keepers validate what they store and throw
 * PoisonMessageError for what can never apply.
 */
export interface CopyKeeper {
  readonly name: string;
  applyCorrection(m: EntityManager, c: CopyChange<StoryCorrected>): Promise<CopyKeeperResult>;
  applyWithdrawal(m: EntityManager, w: CopyChange<StoryWithdrawn>): Promise<CopyKeeperResult>;
}

@Injectable()
export class CopyKeepers {
  private readonly keepers: CopyKeeper[] = [];

  register(k: CopyKeeper): void {
    if (this.keepers.some((x) => x.name === k.name)) throw new Error(`two copy keepers named ${k.name}`);
    this.keepers.push(k);
  }

  list(): readonly CopyKeeper[] {
    return this.keepers;
  }
}

const RANK = { 'not-held': 0, stale: 1, applied: 2 } as const;

/** The strongest outcome across keepers, and every neighbour any of them asked to relay to. */
export function combineKeeperResults(results: CopyKeeperResult[]): Required<CopyKeeperResult> {
  let outcome: CopyKeeperResult['outcome'] = 'not-held';
  const relayTo = new Set<string>();
  for (const r of results) {
    if (RANK[r.outcome] > RANK[outcome]) outcome = r.outcome;
    for (const c of r.relayTo ?? []) relayTo.add(c);
  }
  return { outcome, relayTo: [...relayTo] };
}
