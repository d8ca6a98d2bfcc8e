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
 * `facts` holds every fact of the month and, for stories adopted or republished in the month, their
 * adoption and republishing facts from before it.
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

  const byStory = new Map<string, { prior: number; best: number; bestFact: LedgerFactRow | null }>();
  for (const f of before) {
    const s = byStory.get(f.storyId) ?? { prior: 0, best: 0, bestFact: null };
    s.prior = Math.max(s.prior, weightOf(f, w));
    byStory.set(f.storyId, s);
  }
  for (const f of inMonth) {
    const weight = weightOf(f, w);
    if (weight === 0) continue;
    const s = byStory.get(f.storyId) ?? { prior: 0, best: 0, bestFact: null };
    if (weight > s.best) {
      s.best = weight;
      s.bestFact = f;
    }
    byStory.set(f.storyId, s);
  }
  for (const s of byStory.values()) {
    const gain = s.bestFact ? Math.max(0, s.best - s.prior) : 0;
    if (gain === 0 || !s.bestFact) continue;
    const k = keysOf(s.bestFact);
    for (const [key, into] of [[k.center, centers] as const, ...k.authors.map((a) => [a, authors] as const)]) {
      const fig = into.get(key) ?? zero();
      fig.points += gain;
      into.set(key, fig);
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
  }
}

/** Competition ranking (1, 2, 2, 4): ties share a rank, ordered by points then by the tie-break key. */
export function rankByPoints<T extends { points: number }>(rows: T[], tieBreak: (r: T) => string): Array<T & { rank: number }> {
  const sorted = [...rows].sort((a, b) => b.points - a.points || tieBreak(a).localeCompare(tieBreak(b)));
  return sorted.map((r) => ({ ...r, rank: 1 + sorted.filter((o) => o.points > r.points).length }));
}
