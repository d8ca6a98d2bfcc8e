import { createHash } from 'crypto';
import type { Client } from 'pg';

/**
 * Which statements a connection keeps prepared: the writes an app repeats, by their text.
 *
 * node-postgres sends a statement without a name as Parse + Bind + Execute every time, so
 * PostgreSQL parses, analyses and plans it again on each call. For the hot path's batch writes
 * (multi-table CTEs over `unnest` arrays) that was 5% of the machine's CPU in the bench, more
 * than their execution in some cases. A named statement is parsed once per connection, and
 * after five executions PostgreSQL keeps a generic plan when it costs no more than the custom
 * ones, which for `unnest`-fed writes and key lookups it does.
 *
 * Only writes are named: a search's best plan depends on its words, and a read-only statement
 * keeps being planned for its values. A text must be seen `after` times first, so that one-off
 * and generated statements (migrations, a top-list rebuild) never take a name, and at most
 * `limit` texts are named per process, bounding what every connection and its backend keep.
 */
export class RepeatedWriteStatements {
  private readonly seen = new Map<string, number>();
  private readonly names = new Map<string, string>();

  constructor(
    private readonly after = 20,
    private readonly limit = 100,
    private readonly maxTracked = 4096,
  ) {}

  /** The name to prepare `text` under, or undefined to send it unnamed. */
  nameFor(text: string): string | undefined {
    const named = this.names.get(text);
    if (named !== undefined) return named;
    if (this.names.size >= this.limit || !isWrite(text)) return undefined;
    const count = (this.seen.get(text) ?? 0) + 1;
    if (count < this.after) {
      // Generated texts that never repeat must not grow the tally without bound.
      if (this.seen.size >= this.maxTracked) this.seen.clear();
      this.seen.set(text, count);
      return undefined;
    }
    this.seen.delete(text);
    const name = `syn_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`;
    this.names.set(text, name);
    return name;
  }

  /** How many texts are named (for tests and the curious). */
  get size(): number {
    return this.names.size;
  }
}

const PLAIN_WRITE = /^\s*(INSERT|UPDATE|DELETE)\b/i;
const CTE = /^\s*WITH\b/i;
const WRITE_IN_CTE = /\b(INSERT\s+INTO|UPDATE\s+[\w."]+(\s+\w+)?\s+SET|DELETE\s+FROM)\b/i;

/** A statement that writes: INSERT, UPDATE or DELETE, alone or inside a WITH. */
export function isWrite(text: string): boolean {
  return PLAIN_WRITE.test(text) || (CTE.test(text) && WRITE_IN_CTE.test(text));
}

type QueryFn = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/**
 * Makes `client` send the writes `statements` names as prepared statements. Only the
 * `query(text, values[, callback])` form with at least one value is touched: multi-statement
 * simple queries (the relay's BEGIN…; COMMIT) carry no values and must stay unnamed.
 */
export function prepareRepeatedWrites(client: Client, statements: RepeatedWriteStatements): void {
  const query = client.query.bind(client) as QueryFn;
  (client as unknown as { query: QueryFn }).query = (config, values, callback) => {
    if (typeof config === 'string' && Array.isArray(values) && values.length > 0) {
      const name = statements.nameFor(config);
      if (name !== undefined) return query({ name, text: config, values }, callback);
    }
    return query(config, values, callback);
  };
}
