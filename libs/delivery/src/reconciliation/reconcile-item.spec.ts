import { v7 as uuidv7 } from 'uuid';
import { bucketOf, differingBuckets, digestOf, mergeItems, parentLacks, uuidV7Floor } from './reconcile-item';

const item = (storyId: string, version: number, withdrawn = false) => ({ storyId, version, withdrawn });

describe('reconciliation digests', () => {
  const ids = Array.from({ length: 200 }, () => uuidv7());

  it('buckets ids evenly enough and always the same way', () => {
    const counts = new Map<number, number>();
    for (const id of ids) counts.set(bucketOf(id, 8), (counts.get(bucketOf(id, 8)) ?? 0) + 1);
    expect(counts.size).toBe(8);
    expect(Math.min(...counts.values())).toBeGreaterThan(5);
    expect(bucketOf(ids[0], 64)).toBe(bucketOf(ids[0], 64));
  });

  it('hashes the same set identically whatever the order, and differently for another version', () => {
    const a = digestOf(
      ids.map((id) => item(id, 1)),
      16,
    );
    const b = digestOf(
      [...ids].reverse().map((id) => item(id, 1)),
      16,
    );
    expect(differingBuckets(a, b)).toEqual([]);
    const c = digestOf(
      ids.map((id, i) => item(id, i === 7 ? 2 : 1)),
      16,
    );
    expect(differingBuckets(a, c)).toEqual([bucketOf(ids[7], 16)]);
  });

  it('reports buckets only one side has', () => {
    const a = digestOf([item(ids[0], 1)], 16);
    expect(differingBuckets(a, new Map())).toEqual([bucketOf(ids[0], 16)]);
  });

  it('merges sources: a tombstone beats any version, else the highest version wins', () => {
    const merged = mergeItems([item(ids[0], 3), item(ids[0], 5), item(ids[1], 9), item(ids[1], 2, true), item(ids[1], 10)]);
    expect(merged.get(ids[0])).toEqual(item(ids[0], 5));
    expect(merged.get(ids[1])).toEqual(item(ids[1], 2, true));
  });

  it('decides what the parent lacks', () => {
    expect(parentLacks(item(ids[0], 2), undefined)).toBe(true);
    expect(parentLacks(item(ids[0], 2), item(ids[0], 1))).toBe(true);
    expect(parentLacks(item(ids[0], 2), item(ids[0], 2))).toBe(false);
    expect(parentLacks(item(ids[0], 2, true), item(ids[0], 2))).toBe(true);
    expect(parentLacks(item(ids[0], 5), item(ids[0], 1, true))).toBe(false);
  });

  it('turns a time into the smallest UUIDv7 of that millisecond', () => {
    const t = new Date('2026-11-26T00:00:00.000Z');
    const floor = uuidV7Floor(t);
    expect(floor).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7000-8000-000000000000$/);
    const later = uuidv7({ msecs: t.getTime() + 1 });
    const earlier = uuidv7({ msecs: t.getTime() - 1 });
    expect(later > floor).toBe(true);
    expect(earlier < floor).toBe(true);
  });
});
