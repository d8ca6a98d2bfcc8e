import type { AdoptionLevel, LedgerKind } from '@syn/contracts';

/** One ledger row as the statistics read it. */
export interface LedgerFactRow {
  kind: LedgerKind;
  storyId: string;
  originCode: string;
  authors: string[];
  level: AdoptionLevel | null;
  actorCode: string;
  refId: string | null;
  occurredAt: Date;
}

/** 稿酬 weights per adoption level, set per province. */
export interface PointsWeights {
  province: number;
  city: number;
  republish: number;
}

export const DEFAULT_WEIGHTS: PointsWeights = { province: 3, city: 2, republish: 1 };

export interface Figures {
  submitted: number;
  accepted: number;
  rejected: number;
  adoptedCity: number;
  adoptedProvince: number;
  republished: number;
  topicsAnswered: number;
  points: number;
}

export interface MonthlyStatistics {
  centers: Map<string, Figures>;
  /** Keyed by `${originCode}|${name}`: an author is a name at a center. */
  authors: Map<string, Figures>;
}

const zero = (): Figures => ({ submitted: 0, accepted: 0, rejected: 0, adoptedCity: 0, adoptedProvince: 0, republished: 0, topicsAnswered: 0, points: 0 });

/** The weight a fact earns its story: adoption by level, republishing by another center. */
export function weightOf(f: LedgerFactRow, w: PointsWeights): number {
  if (f.kind === 'adopted') return f.level === 'province' ? w.province : f.level === 'city' ? w.city : 0;
  if (f.kind === 'republished' && f.actorCode !== f.originCode) return w.republish;
  return 0;
}

/**
 * The month's figures, from ledger rows alone. Counts are of distinct stories (republishing: of
 * distinct story × republishing center; topics: of distinct topics). A story scores once, at its
 * highest level: a month earns a story the weight of the highest level reached by the month's end
 * minus what the story had already earned before the month began (so an upgrade from city to
 * province in a later month earns only the difference).
 *
 * A takedown ends a story's earning: the month of the takedown takes back what the story had
 * earned before it (a negative figure), and it earns nothing after. A story merged into a
 * near-duplicate family's kept story earns its origin and authors what the kept story earns.
 *
 * `facts` holds every fact of the month and, for stories adopted, republished or withdrawn in the
 * month, their earlier adoption, republishing, takedown and merge facts.
 */
export function computeMonthlyStatistics(facts: readonly LedgerFactRow[], from: Date, to: Date, w: PointsWeights): MonthlyStatistics {
  const inMonth = facts.filter((f) => f.occurredAt >= from && f.occurredAt < to);
  const before = facts.filter((f) => f.occurredAt < from);
  const centers = new Map<string, Figures>();
  const authors = new Map<string, Figures>();
  const keysOf = (f: { originCode: string; authors: string[] }) => ({
    center: f.originCode,
    authors: [...new Set(f.authors)].map((a) => `${f.originCode}|${a}`),
  });
  const seen = new Set<string>();
  const bump = (key: string, field: keyof Figures, dedupe: string, into: Map<string, Figures>) => {
    const id = `${field}|${key}|${dedupe}`;
    if (seen.has(id)) return;
    seen.add(id);
    const fig = into.get(key) ?? zero();
    fig[field] += 1;
    into.set(key, fig);
  };

  for (const f of inMonth) {
    const field = fieldOf(f);
    if (!field) continue;
    const dedupe = field === 'republished' ? `${f.storyId}|${f.actorCode}` : field === 'topicsAnswered' ? (f.refId ?? f.storyId) : f.storyId;
    const k = keysOf(f);
    bump(k.center, field, dedupe, centers);
    for (const a of k.authors) bump(a, field, dedupe, authors);
  }

  // What each story earned before the month (its best weight) and the best it reaches by the month's end.
  const byStory = new Map<string, { prior: number; priorFact: LedgerFactRow | null; best: number; bestFact: LedgerFactRow | null }>();
  const story = (id: string) => byStory.get(id) ?? byStory.set(id, { prior: 0, priorFact: null, best: 0, bestFact: null }).get(id)!;
  for (const f of before) {
    const s = story(f.storyId);
    if (weightOf(f, w) > s.prior) {
      s.prior = weightOf(f, w);
      s.priorFact = f;
    }
  }
  for (const f of inMonth) {
    const s = story(f.storyId);
    if (weightOf(f, w) > s.best) {
      s.best = weightOf(f, w);
      s.bestFact = f;
    }
  }
  // A takedown (撤稿) ends a story's earning; in its month it takes back what the story had earned.
  const withdrawnAt = new Map<string, Date>();
  const byMonthEnd = facts.filter((f) => f.occurredAt < to);
  for (const f of byMonthEnd) {
    if (f.kind !== 'withdrawn') continue;
    const at = withdrawnAt.get(f.storyId);
    if (!at || f.occurredAt < at) withdrawnAt.set(f.storyId, f.occurredAt);
  }
  // Every contributor of a merged near-duplicate family earns what the kept story earns.
  const mergedInto = new Map<string, LedgerFactRow[]>();
  for (const f of byMonthEnd) if (f.kind === 'merged' && f.refId) mergedInto.set(f.refId, [...(mergedInto.get(f.refId) ?? []), f]);

  const credit = (credited: { originCode: string; authors: string[] }, points: number) => {
    const k = keysOf(credited);
    for (const [key, into] of [[k.center, centers] as const, ...k.authors.map((a) => [a, authors] as const)]) {
      const fig = into.get(key) ?? zero();
      fig.points += points;
      into.set(key, fig);
    }
  };
  /** A credit line's points this month: the story's gain, or minus what it had earned in the month it was withdrawn. */
  const pointsOf = (s: { prior: number; best: number }, withdrawn: Date | undefined) => {
    if (withdrawn && withdrawn < from) return 0;
    if (withdrawn) return -s.prior;
    return Math.max(0, s.best - s.prior);
  };
  const earliest = (...ds: Array<Date | undefined>) => ds.filter((d): d is Date => !!d).sort((a, b) => a.getTime() - b.getTime())[0];
  for (const [storyId, s] of byStory) {
    if (!s.bestFact && !s.priorFact) continue;
    const points = pointsOf(s, withdrawnAt.get(storyId));
    if (points !== 0) credit(points > 0 ? s.bestFact! : s.priorFact!, points);
    for (const member of mergedInto.get(storyId) ?? []) {
      const p = pointsOf(s, earliest(withdrawnAt.get(storyId), withdrawnAt.get(member.storyId)));
      if (p !== 0) credit(member, p);
    }
  }
  return { centers, authors };
}

function fieldOf(f: LedgerFactRow): keyof Figures | null {
  switch (f.kind) {
    case 'submitted':
      return 'submitted';
    case 'accepted':
      return 'accepted';
    case 'rejected':
      return 'rejected';
    case 'adopted':
      return f.level === 'province' ? 'adoptedProvince' : f.level === 'city' ? 'adoptedCity' : null;
    case 'republished':
      return f.actorCode === f.originCode ? null : 'republished';
    case 'topic-answered':
      return 'topicsAnswered';
    // Merged into its family's kept story: for the county, its story made it into the pool.
    case 'merged':
      return 'accepted';
    case 'withdrawn':
      return null;
  }
}

/** Competition ranking (1, 2, 2, 4): ties share a rank, ordered by points then by the tie-break key. */
export function rankByPoints<T extends { points: number }>(rows: T[], tieBreak: (r: T) => string): Array<T & { rank: number }> {
  const sorted = [...rows].sort((a, b) => b.points - a.points || tieBreak(a).localeCompare(tieBreak(b)));
  return sorted.map((r) => ({ ...r, rank: 1 + sorted.filter((o) => o.points > r.points).length }));
}
