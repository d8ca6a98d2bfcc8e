import { Injectable, Logger } from '@nestjs/common';
import {
  DELIVERY_RECEIPT,
  DeliveryReceipt,
  ReceiptKind,
  ReceiptOutcome,
  senderOf,
  STORY_CORRECTED,
  STORY_WITHDRAWN,
  StoryCorrected,
  StoryWithdrawn,
} from '@syn/contracts';
import { DeliveryLedger, InboundEvent, PoisonMessageError, TreeTransport } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { EntityManager } from 'typeorm';
import { CopyKeepers, combineKeeperResults } from '../copies/copy-keeper';
import { Tombstones } from '../tombstones/tombstones';

/**
 * Applies corrections and takedowns at one center and passes them on, hop by hop, to every
 * neighbour that holds a copy; answers each with a receipt and sends receipts on toward the origin.
 */
@Injectable()
export class Propagation {
  private readonly logger = new Logger('Propagation');

  constructor(
    private readonly keepers: CopyKeepers,
    private readonly tombstones: Tombstones,
    private readonly ledger: DeliveryLedger,
    private readonly transport: TreeTransport,
    private readonly directory: CenterDirectory,
  ) {}

  async corrected(m: EntityManager, e: InboundEvent<StoryCorrected>): Promise<void> {
    const s = e.payload.story;
    const here = e.recipient;
    const from = senderOf(e.route);
    this.checkHop(e, s.originCode, `story ${s.id}`);
    let outcome: ReceiptOutcome;
    let relayed: string[] = [];
    if (await this.tombstones.has(m, s.id)) {
      outcome = 'withdrawn';
    } else {
      const ctx = { center: here, from, direction: e.route.direction, eventId: e.envelope.id, change: e.payload };
      const results = [];
      for (const k of this.keepers.list()) results.push(await k.applyCorrection(m, ctx));
      const combined = combineKeeperResults(results);
      outcome = combined.outcome;
      if (outcome !== 'not-held') {
        relayed = await this.relay(m, here, from, s.id, s.version, combined.relayTo, (to) =>
          this.transport.send(m, {
            type: STORY_CORRECTED,
            from: here,
            to,
            payload: e.payload,
            storyId: s.id,
            version: s.version,
            kind: 'correction',
            expectReceipt: true,
          }),
        );
      }
    }
    await this.answer(m, here, from, { storyId: s.id, originCode: s.originCode, kind: 'correction', version: s.version, outcome, relayedTo: relayed });
    this.logger.log({ msg: 'correction received', center: here, from, storyId: s.id, version: s.version, outcome, relayedTo: relayed });
  }

  async withdrawn(m: EntityManager, e: InboundEvent<StoryWithdrawn>): Promise<void> {
    const w = e.payload;
    const here = e.recipient;
    const from = senderOf(e.route);
    this.checkHop(e, w.originCode, `story ${w.storyId}`);
    const fresh = await this.tombstones.add(m, w, from);
    const ctx = { center: here, from, direction: e.route.direction, eventId: e.envelope.id, change: w };
    const results = [];
    for (const k of this.keepers.list()) results.push(await k.applyWithdrawal(m, ctx));
    const combined = combineKeeperResults(results);
    // Relayed even when the tombstone was already here: a holder recorded since must still hear of it.
    const relayed = await this.relay(m, here, from, w.storyId, w.version, combined.relayTo, (to) =>
      this.transport.send(m, {
        type: STORY_WITHDRAWN,
        from: here,
        to,
        payload: w,
        storyId: w.storyId,
        version: w.version,
        kind: 'withdrawal',
        expectReceipt: true,
      }),
    );
    const outcome: ReceiptOutcome = fresh ? 'applied' : 'stale';
    await this.answer(m, here, from, { storyId: w.storyId, originCode: w.originCode, kind: 'withdrawal', version: w.version, outcome, relayedTo: relayed });
    this.logger.log({
      msg: fresh ? 'story withdrawn here' : 'takedown already applied',
      center: here,
      from,
      storyId: w.storyId,
      version: w.version,
      copiesRemoved: combined.outcome === 'applied',
      relayedTo: relayed,
    });
  }

  async receipt(m: EntityManager, e: InboundEvent<DeliveryReceipt>): Promise<void> {
    const r = e.payload;
    const here = e.recipient;
    const from = senderOf(e.route);
    if (r.holder === here) throw new PoisonMessageError(`event ${e.envelope.id}: receipt for story ${r.storyId} names ${here} itself as holder`);
    if (e.route.direction === 'up' && !this.inSubtree(from, r.holder)) {
      throw new PoisonMessageError(`event ${e.envelope.id}: receipt from ${from} speaks for ${r.holder}, which is not in its subtree`);
    }
    const via = r.holder === from ? null : from;
    await this.ledger.confirm(m, { sender: here, holder: r.holder, storyId: r.storyId, version: r.version, kind: r.kind, outcome: r.outcome, via });
    for (const further of r.relayedTo) {
      if (further !== here) await this.ledger.expect(m, { sender: here, holder: further, storyId: r.storyId, version: r.version, kind: r.kind, via: from });
    }
    // The origin and every hub on the way back see who confirmed.
    const next = this.directory.nextHopToward(here, r.originCode);
    if (next && next !== from) await this.transport.notify(m, { type: DELIVERY_RECEIPT, from: here, to: next, payload: r });
  }

  private async relay(
    m: EntityManager,
    here: string,
    from: string,
    storyId: string,
    version: number,
    extra: string[],
    send: (to: string) => Promise<unknown>,
  ): Promise<string[]> {
    const holders = await this.ledger.holdersOf(m, here, storyId);
    const targets = new Set<string>(holders.filter((h) => h.version < version).map((h) => h.holder));
    for (const x of extra) if (!holders.some((h) => h.holder === x && h.version >= version)) targets.add(x);
    targets.delete(from);
    targets.delete(here);
    const sent: string[] = [];
    for (const to of [...targets].sort()) {
      if (!this.directory.isNeighbour(here, to)) {
        this.logger.warn({ msg: 'holder is not a neighbour; cannot relay', center: here, holder: to, storyId });
        continue;
      }
      await send(to);
      sent.push(to);
    }
    return sent;
  }

  private async answer(
    m: EntityManager,
    here: string,
    to: string,
    r: { storyId: string; originCode: string; kind: ReceiptKind; version: number; outcome: ReceiptOutcome; relayedTo: string[] },
  ) {
    const payload: DeliveryReceipt = { ...r, holder: here, confirmedAt: new Date().toISOString() };
    await this.transport.notify(m, { type: DELIVERY_RECEIPT, from: here, to, payload });
  }

  /** From a child, only stories written in its own subtree; from the parent, whatever it holds. */
  private checkHop(e: InboundEvent<unknown>, origin: string, what: string) {
    if (e.route.direction !== 'up') return;
    const child = e.route.child;
    if (!this.inSubtree(child, origin)) {
      throw new PoisonMessageError(
        `event ${e.envelope.id}: ${what} from origin ${origin} cannot come up from ${child}, which is not its origin or a hub above it`,
      );
    }
  }

  private inSubtree(top: string, code: string): boolean {
    return this.directory.has(code) && this.directory.isSelfOrAncestor(top, code);
  }
}
