import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor } from './keyset-cursor';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Newest-first keyset paging over (time column, id column): fetches one row more than asked to
 * know whether there is a next page, and never skips or repeats rows that arrive meanwhile.
 */
export async function keysetPage<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  opts: { at: string; id: string; limit: number; cursor?: string; position: (row: T) => { at: Date; id: string } },
): Promise<Page<T>> {
  const after = decodeCursor(opts.cursor);
  qb.orderBy(opts.at, 'DESC')
    .addOrderBy(opts.id, 'DESC')
    .limit(opts.limit + 1);
  if (after) qb.andWhere(`(${opts.at}, ${opts.id}) < (:keysetAt, :keysetId)`, { keysetAt: after.at, keysetId: after.id });
  const rows = await qb.getMany();
  const items = rows.slice(0, opts.limit);
  const last = items[items.length - 1];
  const position = last ? opts.position(last) : null;
  return { items, nextCursor: rows.length > opts.limit && position ? encodeCursor({ at: position.at.toISOString(), id: position.id }) : null };
}
