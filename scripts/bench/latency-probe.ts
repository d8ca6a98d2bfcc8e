import { Client } from 'pg';

const CHANNEL = 'bench_seen';

export interface ProbeTarget {
  name: string;
  url: string;
  table: 'pool_stories' | 'story_index';
}

/**
 * Learns the moment a story becomes visible in a table. The bench owns the apps' databases, so
 * for the latency phase it adds a row trigger that NOTIFYs the story id; PostgreSQL delivers a
 * NOTIFY only when its transaction commits, so the time this process receives it is the commit
 * as an outside reader sees it (plus a sub-millisecond hop), not a timestamp taken inside the
 * transaction before the commit's fsync. The triggers are removed after the phase.
 */
export class LatencyProbe {
  private readonly clients: Client[] = [];
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(private readonly targets: ProbeTarget[]) {
    for (const t of targets) this.seen.set(t.table, this.seen.get(t.table) ?? new Map());
  }

  async install(): Promise<void> {
    for (const t of this.targets) {
      const c = new Client({ connectionString: t.url });
      await c.connect();
      await c.query(`CREATE OR REPLACE FUNCTION bench_notify_seen() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_notify('${CHANNEL}', TG_TABLE_NAME || ' ' || NEW.story_id::text); RETURN NULL; END $$`);
      await c.query(`DROP TRIGGER IF EXISTS bench_seen ON ${t.table}`);
      await c.query(`CREATE TRIGGER bench_seen AFTER INSERT ON ${t.table} FOR EACH ROW EXECUTE FUNCTION bench_notify_seen()`);
      c.on('notification', (n) => {
        const at = performance.now();
        const [table, id] = (n.payload ?? '').split(' ');
        const m = this.seen.get(table);
        if (m && !m.has(id)) m.set(id, at);
      });
      await c.query(`LISTEN ${CHANNEL}`);
      this.clients.push(c);
    }
  }

  /** performance.now() when the story's row became visible in `table`. */
  seenAt(table: ProbeTarget['table'], storyId: string): number | undefined {
    return this.seen.get(table)?.get(storyId);
  }

  count(table: ProbeTarget['table']): number {
    return this.seen.get(table)?.size ?? 0;
  }

  async remove(): Promise<void> {
    for (const [i, c] of this.clients.entries()) {
      const t = this.targets[i];
      await c.query(`DROP TRIGGER IF EXISTS bench_seen ON ${t.table}`).catch(() => undefined);
      await c.query(`DROP FUNCTION IF EXISTS bench_notify_seen()`).catch(() => undefined);
      await c.end().catch(() => undefined);
    }
    this.clients.length = 0;
  }
}
