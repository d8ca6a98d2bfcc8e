import { computeMonthlyStatistics, DEFAULT_WEIGHTS, LedgerFactRow, rankByPoints } from './monthly-statistics';
import { monthOf, monthRange } from './month-range';

const S1 = '00000000-0000-7000-8000-000000000001';
const S2 = '00000000-0000-7000-8000-000000000002';
const S3 = '00000000-0000-7000-8000-000000000003';
const T1 = '00000000-0000-7000-8000-0000000000aa';
const nov = monthRange('2026-11');
const at = (iso: string) => new Date(iso);
const fact = (over: Partial<LedgerFactRow>): LedgerFactRow => ({
  kind: 'submitted',
  storyId: S1,
  originCode: '360702',
  authors: ['刘敏'],
  level: null,
  actorCode: '360700',
  refId: null,
  occurredAt: at('2026-11-10T10:00:00+08:00'),
  ...over,
});

describe('monthly statistics', () => {
  it('reads months in China Standard Time', () => {
    expect(nov.from.toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(nov.to.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(monthRange('2026-12').to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(monthOf(at('2026-11-30T17:00:00Z'))).toBe('2026-12');
  });

  it('counts distinct stories and scores each story once, at its highest level', () => {
    const facts = [
      fact({ kind: 'submitted' }),
      fact({ kind: 'submitted' }), // a resubmitted version: still one story
      fact({ kind: 'accepted' }),
      fact({ kind: 'adopted', level: 'city', actorCode: '360700' }),
      fact({ kind: 'adopted', level: 'province', actorCode: '360000' }),
      fact({ kind: 'adopted', level: 'province', actorCode: '360000' }), // a second channel
      fact({ kind: 'republished', actorCode: '360703', refId: T1 }),
      fact({ storyId: S2, kind: 'submitted', authors: ['刘敏', '陈晓'] }),
      fact({ storyId: S2, kind: 'rejected', authors: ['刘敏', '陈晓'] }),
      fact({ storyId: S3, kind: 'republished', originCode: '360000', authors: [], actorCode: '360000' }), // own republish: nothing
      fact({ storyId: S3, kind: 'topic-answered', refId: T1, actorCode: '360702' }),
      fact({ kind: 'adopted', level: 'city', occurredAt: at('2026-12-01T00:00:00+08:00') }), // next month
    ];
    const stats = computeMonthlyStatistics(facts, nov.from, nov.to, DEFAULT_WEIGHTS);
    expect(stats.centers.get('360702')).toEqual({
      submitted: 2,
      accepted: 1,
      rejected: 1,
      adoptedCity: 1,
      adoptedProvince: 1,
      republished: 1,
      topicsAnswered: 1,
      points: 3,
    });
    expect(stats.authors.get('360702|陈晓')).toEqual({
      submitted: 1,
      accepted: 0,
      rejected: 1,
      adoptedCity: 0,
      adoptedProvince: 0,
      republished: 0,
      topicsAnswered: 0,
      points: 0,
    });
    expect(stats.authors.get('360702|刘敏')?.points).toBe(3);
    expect(stats.centers.get('360000')).toBeUndefined();
  });

  it('earns a later month only the difference when a story climbs a level', () => {
    const facts = [
      fact({ kind: 'adopted', level: 'city', occurredAt: at('2026-10-20T10:00:00+08:00') }),
      fact({ kind: 'adopted', level: 'province', actorCode: '360000' }),
      fact({ storyId: S2, kind: 'adopted', level: 'province', actorCode: '360000', occurredAt: at('2026-10-20T10:00:00+08:00') }),
      fact({ storyId: S2, kind: 'adopted', level: 'city' }),
    ];
    const stats = computeMonthlyStatistics(facts, nov.from, nov.to, { province: 5, city: 2, republish: 1 });
    expect(stats.centers.get('360702')?.points).toBe(3);
    expect(stats.centers.get('360702')?.adoptedCity).toBe(1);
    expect(stats.centers.get('360702')?.adoptedProvince).toBe(1);
  });

  it('ranks with shared places for equal points', () => {
    const ranked = rankByPoints(
      [
        { c: 'b', points: 2 },
        { c: 'a', points: 5 },
        { c: 'c', points: 2 },
        { c: 'd', points: 0 },
      ],
      (r) => r.c,
    );
    expect(ranked.map((r) => [r.c, r.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ]);
  });
});

describe('monthly statistics: 转载, merged families and takedowns', () => {
  const oct = at('2026-10-20T10:00:00+08:00');

  it('credits a 转载 by another center with the republish weight, and every county of a merged family', () => {
    const facts = [
      fact({ kind: 'accepted' }),
      fact({ kind: 'republished', actorCode: '360703' }),
      fact({ storyId: S2, kind: 'merged', originCode: '360781', authors: ['周宁'], refId: S1 }),
      fact({ storyId: S3, kind: 'merged', originCode: '360704', authors: ['吴昊'], refId: S1 }),
    ];
    const stats = computeMonthlyStatistics(facts, nov.from, nov.to, { province: 5, city: 2, republish: 4 });
    expect(stats.centers.get('360702')?.points).toBe(4);
    expect(stats.centers.get('360781')).toMatchObject({ accepted: 1, rejected: 0, points: 4 });
    expect(stats.centers.get('360704')).toMatchObject({ accepted: 1, points: 4 });
    expect(stats.authors.get('360781|周宁')?.points).toBe(4);
  });

  it('takes back in the month of a takedown what the story earned before, for its family too, and nothing after', () => {
    const facts = [
      fact({ kind: 'adopted', level: 'province', actorCode: '360000', occurredAt: oct }),
      fact({ storyId: S2, kind: 'merged', originCode: '360781', authors: ['周宁'], refId: S1, occurredAt: oct }),
      fact({ kind: 'withdrawn', actorCode: '360702' }),
    ];
    const w = { province: 5, city: 2, republish: 1 };
    const october = monthRange('2026-10');
    expect(computeMonthlyStatistics(facts, october.from, october.to, w).centers.get('360702')?.points).toBe(5);
    const stats = computeMonthlyStatistics(facts, nov.from, nov.to, w);
    expect(stats.centers.get('360702')?.points).toBe(-5);
    expect(stats.centers.get('360781')?.points).toBe(-5);
    expect(stats.authors.get('360702|刘敏')?.points).toBe(-5);
    // History stays: the month still counts the adoption that earned them.
    const later = [...facts, fact({ kind: 'adopted', level: 'city', occurredAt: at('2026-12-05T10:00:00+08:00') })];
    const dec = monthRange('2026-12');
    expect(computeMonthlyStatistics(later, dec.from, dec.to, w).centers.get('360702')).toMatchObject({ adoptedCity: 1, points: 0 });
  });

  it('takes back only a merged county whose own story is withdrawn', () => {
    const facts = [
      fact({ kind: 'adopted', level: 'city', occurredAt: oct }),
      fact({ storyId: S2, kind: 'merged', originCode: '360781', authors: ['周宁'], refId: S1, occurredAt: oct }),
      fact({ storyId: S2, kind: 'withdrawn', originCode: '360781', authors: ['周宁'], actorCode: '360781' }),
      fact({ kind: 'adopted', level: 'province', actorCode: '360000' }),
    ];
    const stats = computeMonthlyStatistics(facts, nov.from, nov.to, { province: 5, city: 2, republish: 1 });
    expect(stats.centers.get('360702')?.points).toBe(3);
    expect(stats.centers.get('360781')?.points).toBe(-2);
  });
});
