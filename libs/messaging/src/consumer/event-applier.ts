import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Decoded } from './event-decoder';

/**
 * Applies decoded events exactly once: the inbox insert and the handler's writes share one
 * transaction, so a redelivery after a crash finds the id and changes nothing.
 */
@Injectable()
export class EventApplier {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies a batch in one transaction; returns how many were new. Throws if any fails. */
  async applyAll(consumer: string, batch: Decoded[], extra?: (m: EntityManager) => Promise<void>): Promise<number> {
    return this.applyMany([{ consumer, batch }], extra);
  }

  /** Batches of several consumers of this process in one transaction, in the order given. */
  async applyMany(parts: ReadonlyArray<{ consumer: string; batch: Decoded[] }>, extra?: (m: EntityManager) => Promise<void>): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const fresh = await this.claim(manager, parts);
      const applied = fresh.size;
      // delete() makes a second copy of the same event within one batch a no-op too.
      const toApply = parts.flatMap((p) => p.batch).filter((d) => fresh.delete(d.event.envelope.id));
      for (const run of runsByHandler(toApply)) {
        if (run.length > 1 && run[0].handler.handleBatch)
          await run[0].handler.handleBatch(
            manager,
            run.map((d) => d.event),
          );
        else for (const d of run) await d.handler.handle(manager, d.event);
      }
      if (extra) await extra(manager);
      return applied;
    });
  }

  private async claim(manager: EntityManager, parts: ReadonlyArray<{ consumer: string; batch: Decoded[] }>): Promise<Set<string>> {
    // The same event can sit twice in one batch (a broker redelivery racing its first copy).
    const unique = new Map<string, { consumer: string; type: string }>();
    for (const p of parts) for (const d of p.batch) unique.set(d.event.envelope.id, { consumer: p.consumer, type: d.event.route.type });
    const rows: Array<{ event_id: string }> = await manager.query(
      `INSERT INTO inbox (event_id, consumer, type)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
       ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
      [[...unique.keys()], [...unique.values()].map((v) => v.consumer), [...unique.values()].map((v) => v.type)],
    );
    return new Set(rows.map((r) => r.event_id));
  }
}

/** Consecutive events with the same handler, in arrival order: a run may be applied as one batch. */
export function runsByHandler(batch: Decoded[]): Decoded[][] {
  const runs: Decoded[][] = [];
  for (const d of batch) {
    const last = runs[runs.length - 1];
    if (last && last[0].handler === d.handler) last.push(d);
    else runs.push([d]);
  }
  return runs;
}
