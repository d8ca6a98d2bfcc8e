import { placeInFamilies } from './family-placement';

describe('placeInFamilies', () => {
  let n = 0;
  const newId = () => `new-${++n}`;
  beforeEach(() => (n = 0));
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));

  it('starts a family for a story whose near-duplicates have none', () => {
    const placed = placeInFamilies([{ hub: 'H', storyId: 's1', near: ['p1', 'p2'] }], [], newId);
    expect(placed).toEqual({
      relabel: [],
      add: [
        { hub: 'H', storyId: 's1', familyId: 'new-1' },
        { hub: 'H', storyId: 'p1', familyId: 'new-1' },
        { hub: 'H', storyId: 'p2', familyId: 'new-1' },
      ],
      familyIds: ['new-1'],
    });
  });

  it('joins the family its near-duplicate is in, writing only the newcomer', () => {
    const placed = placeInFamilies([{ hub: 'H', storyId: 's1', near: ['p1'] }], [{ hub: 'H', storyId: 'p1', familyId: 'F1', since: at(1) }], newId);
    expect(placed).toEqual({ relabel: [], add: [{ hub: 'H', storyId: 's1', familyId: 'F1' }], familyIds: ['F1'] });
  });

  it('merges the families a story links into the oldest, and a later story of the batch linked to it lands there too', () => {
    const placed = placeInFamilies(
      [
        { hub: 'H', storyId: 's1', near: ['p1', 'p2'] },
        { hub: 'H', storyId: 's2', near: ['s1', 'p3'] },
      ],
      [
        { hub: 'H', storyId: 'p1', familyId: 'F-young', since: at(5) },
        { hub: 'H', storyId: 'p2', familyId: 'F-old', since: at(1) },
      ],
      newId,
    );
    expect(placed.relabel).toEqual([{ hub: 'H', from: 'F-young', into: 'F-old' }]);
    // p1 moves with its family and p2 is already there: neither is written again.
    expect(placed.add).toEqual([
      { hub: 'H', storyId: 's1', familyId: 'F-old' },
      { hub: 'H', storyId: 's2', familyId: 'F-old' },
      { hub: 'H', storyId: 'p3', familyId: 'F-old' },
    ]);
    expect(placed.familyIds).toEqual(['F-old', 'F-old']);
    expect(n).toBe(0);
  });

  it('keeps apart what nothing links, and hubs apart whatever the ids', () => {
    const placed = placeInFamilies(
      [
        { hub: 'H', storyId: 's1', near: ['p1'] },
        { hub: 'H', storyId: 's2', near: ['p2'] },
        { hub: 'K', storyId: 's3', near: ['p1'] },
      ],
      [{ hub: 'H', storyId: 'p1', familyId: 'F1', since: at(1) }],
      newId,
    );
    expect(placed.relabel).toEqual([]);
    expect(placed.familyIds).toEqual(['F1', 'new-1', 'new-2']);
    expect(placed.add).toContainEqual({ hub: 'K', storyId: 'p1', familyId: 'new-2' });
  });
});
