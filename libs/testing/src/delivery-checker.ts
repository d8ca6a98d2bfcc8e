import { Client } from 'pg';

export interface CheckerTargets {
  /** Databases of the county apps (the truth: what each county committed as submitted). */
  countyDatabases: string[];
  /** The counties whose stories are checked (those under `hub`). */
  counties: string[];
  /** The city hub whose pool must hold them. */
  hub: string;
  hubDatabase: string;
  province: string;
  provinceDatabase: string;
}

/** What the load generator was told: HTTP 202 for a submission, a correction or a takedown. */
export interface ClientAck {
  center: string;
  version: number;
  withdrawn: boolean;
}

export interface CheckResult {
  scenario: string;
  acknowledged: number;
  lost: number;
  duplicated: number;
  mismatched: number;
  withdrawn: number;
  /** The first few problems, for the failure message. */
  problems: string[];
}

interface CountyRow {
  id: string;
  center_code: string;
  title: string;
  version: number;
  submitted_version: number;
  content_hash: string;
  status: string;
  withdrawn: boolean;
}
interface CopyRow {
  story_id: string;
  version: number;
  content_hash: string;
  title?: string;
  origin_code?: string;
}

async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end().catch(() => undefined);
  }
}

/**
 * Compares every submission the counties acknowledged with what the city pool and the provincial
 * index hold, version and content hash included. Lost: acknowledged but missing downstream (or a
 * takedown that never arrived). Duplicated: a copy nobody submitted, or one story held twice.
 * Mismatched: present with the wrong version or hash, a withdrawn story still held (in the pool,
 * the index or any county's 转载 copies), or a review decision that never reached the county.
 */
export class DeliveryChecker {
  constructor(private readonly t: CheckerTargets) {}

  async check(scenario: string, clientAcks: ReadonlyMap<string, ClientAck> = new Map()): Promise<CheckResult> {
    const problems: string[] = [];
    const r: CheckResult = { scenario, acknowledged: 0, lost: 0, duplicated: 0, mismatched: 0, withdrawn: 0, problems };
    const note = (kind: 'lost' | 'duplicated' | 'mismatched', msg: string) => {
      r[kind]++;
      if (problems.length < 20) problems.push(`${kind}: ${msg}`);
    };

    const county = new Map<string, CountyRow>();
    const titles = new Map<string, number>();
    for (const url of this.t.countyDatabases) {
      const rows = await query<CountyRow>(
        url,
        `SELECT id, center_code, title, version, submitted_version, content_hash, status, withdrawn_at IS NOT NULL AS withdrawn
           FROM stories WHERE submitted_version IS NOT NULL AND center_code = ANY($1::char(6)[])`,
        [this.t.counties],
      );
      for (const row of rows) {
        county.set(row.id, row);
        const key = `${row.center_code}|${row.title}`;
        titles.set(key, (titles.get(key) ?? 0) + 1);
      }
    }
    for (const [key, n] of titles) if (n > 1) for (let i = 1; i < n; i++) note('duplicated', `county holds ${n} stories titled ${key}`);
    r.acknowledged = county.size;

    for (const [id, ack] of clientAcks) {
      const c = county.get(id);
      if (!c) note('lost', `story ${id} of ${ack.center} was acknowledged to the client but the county has no submission`);
      else if (ack.withdrawn && !c.withdrawn) note('lost', `story ${id}: takedown acknowledged to the client but not recorded at ${ack.center}`);
      else if (!ack.withdrawn && c.submitted_version < ack.version)
        note('lost', `story ${id}: v${ack.version} acknowledged, county has v${c.submitted_version}`);
    }

    const pool = new Map(
      (
        await query<CopyRow>(
          this.t.hubDatabase,
          `SELECT story_id, version, content_hash, title, origin_code FROM pool_stories WHERE hub_code = $1 AND origin_code = ANY($2::char(6)[])`,
          [this.t.hub, this.t.counties],
        )
      ).map((p) => [p.story_id, p]),
    );
    const queued = new Set(
      (await query<{ story_id: string }>(this.t.hubDatabase, `SELECT story_id FROM submissions WHERE origin_code = ANY($1::char(6)[])`, [this.t.counties])).map(
        (x) => x.story_id,
      ),
    );
    const hubTombstones = new Set((await query<{ story_id: string }>(this.t.hubDatabase, `SELECT story_id FROM tombstones`)).map((x) => x.story_id));
    const index = new Map(
      (
        await query<CopyRow>(
          this.t.provinceDatabase,
          `SELECT story_id, version, content_hash, origin_code FROM story_index WHERE province_code = $1 AND hub_code = $2`,
          [this.t.province, this.t.hub],
        )
      ).map((p) => [p.story_id, p]),
    );

    for (const c of county.values()) {
      const p = pool.get(c.id);
      const i = index.get(c.id);
      if (c.withdrawn) {
        r.withdrawn++;
        if (!hubTombstones.has(c.id)) note('lost', `takedown of ${c.id} (${c.center_code}) never reached hub ${this.t.hub}`);
        if (p) note('mismatched', `withdrawn story ${c.id} is still in the pool of ${this.t.hub}`);
        if (i) note('mismatched', `withdrawn story ${c.id} is still in the index of ${this.t.province}`);
        continue;
      }
      if (hubTombstones.has(c.id)) note('mismatched', `story ${c.id} is live at ${c.center_code} but withdrawn at ${this.t.hub}`);
      if (!p) {
        note(
          'lost',
          `story ${c.id} v${c.submitted_version} of ${c.center_code} is not in the pool of ${this.t.hub}${queued.has(c.id) ? ' (still in review)' : ''}`,
        );
        continue;
      }
      if (p.version !== c.submitted_version) note('mismatched', `story ${c.id}: county submitted v${c.submitted_version}, pool holds v${p.version}`);
      else if (c.version === c.submitted_version && p.content_hash !== c.content_hash)
        note('mismatched', `story ${c.id} v${p.version}: pool hash differs from the county's`);
      if (c.status !== 'accepted') note('mismatched', `story ${c.id} is pooled but the county still shows ${c.status}`);
      if (!i) note('lost', `story ${c.id} v${p.version} is pooled at ${this.t.hub} but not in the index of ${this.t.province}`);
      else if (i.version !== p.version || i.content_hash !== p.content_hash) note('mismatched', `story ${c.id}: index holds v${i.version}, pool v${p.version}`);
    }

    // Every 转载 copy a county holds of a withdrawn story must be gone; one of a live story must not be newer than its origin.
    for (const url of this.t.countyDatabases) {
      const copies = await query<{ center_code: string; story_id: string; version: number; channel: string }>(
        url,
        `SELECT center_code, story_id, version, channel FROM republished_stories WHERE origin_code = ANY($1::char(6)[])`,
        [this.t.counties],
      );
      for (const k of copies) {
        const c = county.get(k.story_id);
        if (!c) note('duplicated', `${k.center_code} holds a 转载 copy of ${k.story_id} which no county submitted`);
        else if (c.withdrawn) note('mismatched', `withdrawn story ${k.story_id} (${c.center_code}) is still republished at ${k.center_code} on ${k.channel}`);
        else if (k.version > c.submitted_version)
          note('mismatched', `${k.center_code} holds v${k.version} of ${k.story_id}, its origin only v${c.submitted_version}`);
      }
    }

    const seenTitles = new Map<string, number>();
    for (const p of pool.values()) {
      if (!county.has(p.story_id)) note('duplicated', `pool holds ${p.story_id} (${p.origin_code}) which no county submitted`);
      const key = `${p.origin_code}|${p.title}`;
      seenTitles.set(key, (seenTitles.get(key) ?? 0) + 1);
    }
    for (const [key, n] of seenTitles) if (n > 1) for (let k = 1; k < n; k++) note('duplicated', `pool holds ${n} stories titled ${key}`);
    for (const i of index.values()) {
      if (this.t.counties.includes(i.origin_code ?? '') && !county.has(i.story_id))
        note('duplicated', `index holds ${i.story_id} (${i.origin_code}) which no county submitted`);
    }
    for (const id of queued) if (!county.has(id)) note('duplicated', `review queue holds ${id} which no county submitted`);
    return r;
  }

  static line(r: CheckResult, extra: Record<string, string | number> = {}): string {
    const more = Object.entries(extra)
      .map(([k, v]) => ` ${k}=${v}`)
      .join('');
    return `scenario=${r.scenario} acknowledged=${r.acknowledged} lost=${r.lost} duplicated=${r.duplicated} mismatched=${r.mismatched}${more}`;
  }

  static clean(r: CheckResult): boolean {
    return r.lost === 0 && r.duplicated === 0 && r.mismatched === 0;
  }
}
