import { partsWithoutRepeats } from './parts-without-repeats';

describe('partsWithoutRepeats', () => {
  const id = (x: { story: string }) => x.story;

  it('keeps a batch of distinct keys whole', () => {
    const batch = [{ story: 'a' }, { story: 'b' }, { story: 'c' }];
    expect(partsWithoutRepeats(batch, id)).toEqual([batch]);
  });

  it('starts a new part at each repeat, in arrival order', () => {
    const batch = [
      { story: 'a', n: 1 },
      { story: 'b', n: 2 },
      { story: 'a', n: 3 },
      { story: 'c', n: 4 },
      { story: 'a', n: 5 },
    ];
    expect(partsWithoutRepeats(batch, id).map((p) => p.map((x) => x.n))).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('has no parts for no events', () => {
    expect(partsWithoutRepeats([], id)).toEqual([]);
  });
});
