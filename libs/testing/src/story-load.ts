import { randomBytes } from 'node:crypto';
import type { ClientAck } from './delivery-checker';
import { sleep } from './tcp-probe';

export interface LoadEndpoint {
  /** Base URL of the app hosting the center, read on every call (apps restart on the same port). */
  base: () => string;
  /** An editor: writes, and signs 初审. */
  token: string;
  /** A second editor: signs 复审 (one person signs one step of a version). */
  reviewerToken: string;
  /** The chief editor: signs 终审, which is the submission upstream. */
  chiefToken: string;
}

export interface LoadStats {
  submitted: number;
  corrected: number;
  withdrawn: number;
  errors: number;
}

const TIMEOUT_MS = 8000;

async function call(method: string, url: string, token: string, body?: object): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/**
 * Counties that keep writing and submitting stories (and now and then correct or withdraw an
 * accepted one) for as long as it runs, whatever fails around them. It remembers every HTTP 202
 * it got: those are the acknowledgements the checker holds the network to.
 */
export class StoryLoad {
  readonly acks = new Map<string, ClientAck>();
  readonly stats: LoadStats = { submitted: 0, corrected: 0, withdrawn: 0, errors: 0 };
  /** Why the latest failed request failed, for a report that shows errors. */
  lastError?: string;
  private running = false;
  private loops: Promise<void>[] = [];
  private readonly mine = new Map<string, string[]>();

  constructor(
    private readonly counties: Map<string, LoadEndpoint>,
    /** everyMs paces each county to one story per interval (a simulated day's rate); unset, as fast as answers come. */
    private readonly opts: { correctEvery?: number; withdrawEvery?: number; everyMs?: number } = {},
  ) {}

  start(label: string): void {
    this.running = true;
    this.loops = [...this.counties.entries()].map(([center, ep]) => this.loop(label, center, ep));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(label: string, center: string, ep: LoadEndpoint): Promise<void> {
    const list = this.mine.get(center) ?? this.mine.set(center, []).get(center)!;
    const every = this.opts.everyMs;
    // Counties start at random phases, as their editors do.
    const started = Date.now() + (every ? Math.random() * every : 0);
    for (let n = 1; this.running; n++) {
      if (every) {
        const wait = started + (n - 1) * every - Date.now();
        if (wait > 0) await sleep(Math.min(wait, 500));
        if (wait > 500) {
          n--;
          continue;
        }
      }
      try {
        const title = `${label}-${center}-${n}-${randomBytes(3).toString('hex')}`;
        const created = await call('POST', `${ep.base()}/api/v1/centers/${center}/stories`, ep.token, {
          title,
          body: `<p>${title}：县级融媒体中心稿件正文。</p>`,
          byline: '记者 压测',
          category: '时政',
          tags: ['可靠性'],
        });
        if (created.status !== 201) throw new Error(`create ${created.status}`);
        const story = `${ep.base()}/api/v1/centers/${center}/stories/${created.body.id}`;
        for (const [step, token] of [
          ['first', ep.token],
          ['second', ep.reviewerToken],
        ] as const) {
          const signed = await call('POST', `${story}/review/advance`, token, { step });
          if (signed.status !== 200) throw new Error(`review ${step} ${signed.status}`);
        }
        const submitted = await call('POST', `${story}/submit`, ep.chiefToken);
        if (submitted.status !== 202) throw new Error(`submit ${submitted.status}`);
        this.acks.set(created.body.id, { center, version: submitted.body.version, withdrawn: false });
        this.stats.submitted++;
        list.push(created.body.id);
        if (this.opts.correctEvery && n % this.opts.correctEvery === 0) await this.correct(center, ep, list);
        if (this.opts.withdrawEvery && n % this.opts.withdrawEvery === 0) await this.withdraw(center, ep, list);
      } catch (e) {
        // The app may be down or its database cut off: the request is simply not acknowledged.
        this.stats.errors++;
        this.lastError = (e as Error).message;
        await sleep(250);
      }
    }
  }

  /** Corrects one of the older stories; only accepted ones can be, others answer 409. */
  private async correct(center: string, ep: LoadEndpoint, list: string[]) {
    const id = list[Math.floor(Math.random() * Math.max(1, list.length - 5))];
    const ack = id ? this.acks.get(id) : undefined;
    if (!id || !ack || ack.withdrawn) return;
    const r = await call('POST', `${ep.base()}/api/v1/centers/${center}/stories/${id}/corrections`, ep.token, {
      summary: `更正摘要 ${randomBytes(3).toString('hex')}`,
      note: '压测更正',
    });
    if (r.status === 202) {
      this.acks.set(id, { center, version: r.body.version, withdrawn: false });
      this.stats.corrected++;
    }
  }

  private async withdraw(center: string, ep: LoadEndpoint, list: string[]) {
    const at = Math.floor(Math.random() * list.length);
    const id = list[at];
    if (!id) return;
    const r = await call('POST', `${ep.base()}/api/v1/centers/${center}/stories/${id}/withdrawal`, ep.chiefToken, { reason: '压测撤稿' });
    if (r.status === 202) {
      this.acks.set(id, { center, version: r.body.version, withdrawn: true });
      this.stats.withdrawn++;
      list.splice(at, 1);
    }
  }
}

/** A curator who accepts everything in the review queue as it arrives, and shrugs off outages. */
export class CuratorDriver {
  accepted = 0;
  private running = false;
  private paused = false;
  private loop?: Promise<void>;

  constructor(
    private readonly hub: string,
    private readonly base: () => string,
    private readonly token: string,
  ) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Accepts one story now, even while paused. */
  async accept(storyId: string): Promise<number> {
    return (await call('POST', `${this.base()}/api/v1/centers/${this.hub}/review-queue/${storyId}/decision`, this.token, { decision: 'accept' })).status;
  }

  private async run(): Promise<void> {
    while (this.running) {
      if (this.paused) {
        await sleep(100);
        continue;
      }
      try {
        const page = await call('GET', `${this.base()}/api/v1/centers/${this.hub}/review-queue?limit=200`, this.token);
        const items: Array<{ storyId: string }> = page.body?.items ?? [];
        for (const it of items) {
          if (!this.running || this.paused) break;
          if ((await this.accept(it.storyId)) === 200) this.accepted++;
        }
        // Idle, it asks twice a second: each ask is a request, a guard and a query at the hub, on a machine the test lanes keep busy.
        if (items.length === 0) await sleep(500);
      } catch {
        await sleep(300);
      }
    }
  }
}
