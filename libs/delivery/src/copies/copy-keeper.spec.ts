import { combineKeeperResults } from './copy-keeper';

describe('combineKeeperResults', () => {
  it('takes the strongest outcome and every neighbour to relay to, once', () => {
    expect(combineKeeperResults([])).toEqual({ outcome: 'not-held', relayTo: [] });
    expect(combineKeeperResults([{ outcome: 'stale' }, { outcome: 'not-held' }])).toEqual({ outcome: 'stale', relayTo: [] });
    expect(
      combineKeeperResults([
        { outcome: 'applied', relayTo: ['360000'] },
        { outcome: 'stale', relayTo: ['360000', '360703'] },
      ]),
    ).toEqual({ outcome: 'applied', relayTo: ['360000', '360703'] });
  });
});
