import type { TestNetwork } from '@syn/testing';
import type { Pool } from 'pg';
import { seedReviewedDrafts } from './draft-seeder';
import { storyInput } from './story-payloads';

export interface Draft {
  county: string;
  base: string;
  /** The chief editor's: 上报 is the last review step (终审). */
  token: string;
  id: string;
}

export interface Submitted extends Draft {
  /** performance.now() when the submit request was sent, and when its 202 came back. */
  sentAt: number;
  ackedAt: number;
  /** Set when the county did not acknowledge it (an overloaded county answers 5xx). */
  error?: string;
}

async function call(method: string, url: string, token: string, body?: unknown): Promise<any> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  }).catch((e: Error) => {
    // fetch hides the socket error in `cause`; without it "fetch failed" says nothing.
    throw new Error(`${method} ${url}: ${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}`);
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Runs `fn` over items with at most `concurrency` in flight; a failure stops the run. */
export async function pooled<T, R>(items: T[], concurrency: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}

/**
 * Drives the counties the way their editors do, over HTTP with desk tokens: write a draft
 * (POST /stories) and sign 初审 and 复审 as two editors (prepared before the clock starts: review
 * takes people hours, not the network), then 上报 it as the chief editor (POST /stories/:id/submit,
 * 终审, 202 once committed with its outbox row): that last call is what is measured.
 */
export class LoadDriver {
  private serial = 0;
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly net: TestNetwork,
    private readonly paragraphs: string[],
  ) {}

  private token(county: string, who: 'writer' | 'second' | 'chief' = 'writer'): string {
    const key = `${county}:${who}`;
    let t = this.tokens.get(key);
    if (!t) {
      t =
        who === 'chief'
          ? this.net.token(county, 'chief-editor', `bench-chief-${county}`, `压测总编${county}`)
          : this.net.token(county, 'editor', `bench-${who}-${county}`, `压测编辑${county}`);
      this.tokens.set(key, t);
    }
    return t;
  }

  /** Writes `count` drafts spread round-robin over `counties`. */
  async writeDrafts(counties: string[], count: number, concurrency: number, onProgress: (n: number) => void): Promise<Draft[]> {
    let done = 0;
    const plan = Array.from({ length: count }, (_, i) => counties[i % counties.length]);
    return pooled(plan, concurrency, async (county) => {
      const base = this.net.app(county).http;
      const token = this.token(county);
      const n = this.serial++;
      const story = await call('POST', `${base}/api/v1/centers/${county}/stories`, token, storyInput(this.paragraphs, n, county));
      const path = `${base}/api/v1/centers/${county}/stories/${story.id}/review/advance`;
      await call('POST', path, token, { step: 'first' });
      await call('POST', path, this.token(county, 'second'), { step: 'second' });
      onProgress(++done);
      return { county, base, token: this.token(county, 'chief'), id: story.id as string };
    });
  }

  /**
   * The same drafts as writeDrafts, written straight into the counties' databases (draft-seeder.ts):
   * preparation the bench does not measure, without its three HTTP requests per story.
   */
  async seedDrafts(counties: string[], count: number, dbOf: (county: string) => Pool, onProgress: (n: number) => void): Promise<Draft[]> {
    const plan = Array.from({ length: count }, (_, i) => ({ county: counties[i % counties.length], serial: this.serial++ }));
    const byDatabase = new Map<Pool, Array<{ county: string; serial: number; at: number }>>();
    plan.forEach((p, at) => {
      const db = dbOf(p.county);
      let part = byDatabase.get(db);
      if (!part) byDatabase.set(db, (part = []));
      part.push({ ...p, at });
    });
    const drafts: Draft[] = new Array(count);
    let done = 0;
    for (const [db, part] of byDatabase) {
      let before = 0;
      const ids = await seedReviewedDrafts(
        db,
        part,
        this.paragraphs,
        (county) => ({
          writer: { userId: `bench-writer-${county}`, name: `压测编辑${county}` },
          second: { userId: `bench-second-${county}`, name: `压测编辑${county}` },
        }),
        (n) => {
          done += n - before;
          before = n;
          onProgress(done);
        },
      );
      part.forEach((p, i) => {
        drafts[p.at] = { county: p.county, base: this.net.app(p.county).http, token: this.token(p.county, 'chief'), id: ids[i] };
      });
    }
    return drafts;
  }

  async submit(d: Draft): Promise<Submitted> {
    const sentAt = performance.now();
    await call('POST', `${d.base}/api/v1/centers/${d.county}/stories/${d.id}/submit`, d.token);
    return { ...d, sentAt, ackedAt: performance.now() };
  }

  /** Closed loop: `concurrency` editors submitting back to back, as fast as the county answers. */
  async submitAll(drafts: Draft[], concurrency: number, onProgress: (n: number) => void): Promise<Submitted[]> {
    let done = 0;
    return pooled(drafts, concurrency, async (d) => {
      const s = await this.submit(d);
      onProgress(++done);
      return s;
    });
  }

  /**
   * Open loop at a fixed offered load: submit i is sent at start + i/rate whatever the answers
   * before it, so a slow phase cannot hide its own latency by slowing the arrivals (no
   * coordinated omission).
   */
  async submitAtRate(drafts: Draft[], ratePerSecond: number, onProgress: (n: number) => void): Promise<Submitted[]> {
    const start = performance.now();
    const interval = 1000 / ratePerSecond;
    let done = 0;
    const inFlight: Array<Promise<Submitted>> = [];
    for (let i = 0; i < drafts.length; i++) {
      const due = start + i * interval;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      inFlight.push(
        // Past its capacity a county refuses work; an open-loop measure counts that, it does not stop.
        this.submit(drafts[i])
          .catch((e: Error) => ({ ...drafts[i], sentAt: due, ackedAt: performance.now(), error: e.message }))
          .then((s) => {
            onProgress(++done);
            return { ...s, sentAt: Math.min(s.sentAt, Math.max(due, start)) };
          }),
      );
    }
    return Promise.all(inFlight);
  }
}
