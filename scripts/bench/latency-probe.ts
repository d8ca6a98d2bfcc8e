import { Client } from 'pg';
import { PROBE_CONNECTION_OPTIONS } from './wait-for-count';

export interface ProbeTarget {
  name: string;
  url: string;
  /** A table with a story_id primary key: pool_stories, story_index, or the floor's floor_pool and floor_index. */
  table: string;
}

/** How often each database is asked; a story is seen at most this much (plus one query) after its commit. */
const POLL_MS = 5;
/**
 * Past its capacity the network leaves thousands of stories due and unseen; asking for all of them
 * every 5 ms would load the database under test. Beyond this many the probe asks every SLOW_POLL_MS
 * instead: latencies are seconds by then, so 50 ms of resolution loses nothing.
 */
const FAST_POLL_MAX_WANTED = 200;
const SLOW_POLL_MS = 50;

/**
 * Learns the moment a story becomes visible in a table, as an outside reader sees it: one
 * connection per database asks every POLL_MS for the stories that are due (their submit time has
 * come) and not yet seen, by primary key. It reads committed rows only, so the time is after the
 * commit's fsync, never a timestamp taken inside the transaction. The error is upward (late) by at
 * most one poll interval plus one query: 5 ms, or 50 ms while more than 200 stories are outstanding.
 *
 * It polls rather than having the tables NOTIFY: PostgreSQL serialises every committing
 * transaction that sent a NOTIFY on one cluster-wide lock held through its WAL flush, so a
 * trigger would have queued the hubs' and the province's commits behind one another and measured
 * a slower network than the one under test.
 */
export class LatencyProbe {
  private readonly clients: Array<{ target: ProbeTarget; client: Client }> = [];
  private readonly seen = new Map<string, Map<string, number>>();
  private running = false;
  private loops: Promise<void>[] = [];
  private ids: string[] = [];
  private startAt = 0;
  private rate = 1;

  constructor(private readonly targets: ProbeTarget[]) {
    for (const t of targets) this.seen.set(t.table, this.seen.get(t.table) ?? new Map());
  }

  async connect(): Promise<void> {
    for (const target of this.targets) {
      const client = new Client({ connectionString: target.url, options: PROBE_CONNECTION_OPTIONS });
      await client.connect();
      this.clients.push({ target, client });
    }
  }

  /** Starts watching `ids`, submitted in this order at `rate` per second from `startAt` (performance.now()). */
  start(ids: string[], startAt: number, rate: number): void {
    this.ids = ids;
    this.startAt = startAt;
    this.rate = rate;
    this.running = true;
    this.loops = this.clients.map(({ target, client }) => this.poll(target, client));
  }

  /** performance.now() when the story's row was first seen in `table`. */
  seenAt(table: ProbeTarget['table'], storyId: string): number | undefined {
    return this.seen.get(table)?.get(storyId);
  }

  count(table: ProbeTarget['table']): number {
    return this.seen.get(table)?.size ?? 0;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
    for (const { client } of this.clients) await client.end().catch(() => undefined);
    this.clients.length = 0;
  }

  private async poll(target: ProbeTarget, client: Client): Promise<void> {
    const seen = this.seen.get(target.table)!;
    let firstUnseen = 0;
    while (this.running) {
      const due = Math.min(this.ids.length, Math.floor(((performance.now() - this.startAt) * this.rate) / 1000) + 1);
      while (firstUnseen < due && seen.has(this.ids[firstUnseen])) firstUnseen++;
      const wanted: string[] = [];
      for (let i = firstUnseen; i < due; i++) if (!seen.has(this.ids[i])) wanted.push(this.ids[i]);
      if (wanted.length > 0) {
        const res = await client.query<{ story_id: string }>(`SELECT story_id::text FROM ${target.table} WHERE story_id = ANY($1::uuid[])`, [wanted]);
        const at = performance.now();
        for (const r of res.rows) if (!seen.has(r.story_id)) seen.set(r.story_id, at);
      }
      await new Promise((r) => setTimeout(r, wanted.length > FAST_POLL_MAX_WANTED ? SLOW_POLL_MS : POLL_MS));
    }
  }
}
