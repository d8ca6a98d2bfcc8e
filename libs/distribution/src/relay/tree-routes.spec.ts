import { CenterDirectory } from '@syn/network';
import { childrenToward, isTargeted, nextHopDown, targetCovering, targetsOutside } from './tree-routes';

const dir = new CenterDirectory([
  { code: '360000', name: '江西省', level: 'province', parent: null },
  { code: '360700', name: '赣州市', level: 'city', parent: '360000' },
  { code: '360702', name: '章贡区', level: 'county', parent: '360700' },
  { code: '360703', name: '南康区', level: 'county', parent: '360700' },
  { code: '360100', name: '南昌市', level: 'city', parent: '360000' },
  { code: '360113', name: '红谷滩区', level: 'county', parent: '360100' },
  { code: '469023', name: '澄迈县', level: 'county', parent: '460000' },
  { code: '460000', name: '海南省', level: 'province', parent: null },
]);

describe('tree routes', () => {
  it('finds the next hop down towards a center, and none sideways or upward', () => {
    expect(nextHopDown(dir, '360000', '360702')).toBe('360700');
    expect(nextHopDown(dir, '360700', '360702')).toBe('360702');
    expect(nextHopDown(dir, '360000', '360700')).toBe('360700');
    expect(nextHopDown(dir, '360700', '360113')).toBeNull();
    expect(nextHopDown(dir, '360702', '360700')).toBeNull();
    expect(nextHopDown(dir, '360000', '360000')).toBeNull();
  });

  it('sends an item only to children on the way to a target, and to all children of a targeted center', () => {
    expect(childrenToward(dir, '360000', ['360702'])).toEqual(['360700']);
    expect(childrenToward(dir, '360700', ['360702'])).toEqual(['360702']);
    expect(childrenToward(dir, '360000', ['360700'])).toEqual(['360700']);
    expect(childrenToward(dir, '360700', ['360700']).sort()).toEqual(['360702', '360703']);
    expect(childrenToward(dir, '360000', ['360702', '360113']).sort()).toEqual(['360100', '360700']);
  });

  it('knows who is covered by a target and which target covers it', () => {
    expect(isTargeted(dir, '360703', ['360700'])).toBe(true);
    expect(isTargeted(dir, '360700', ['360703'])).toBe(false);
    expect(targetCovering(dir, '360703', ['360700', '360113'])).toBe('360700');
    expect(targetCovering(dir, '360703', ['360702'])).toBeNull();
  });

  it('refuses targets that are not below the issuer', () => {
    expect(targetsOutside(dir, '360700', ['360702', '360113', '360700', '999999'])).toEqual(['360113', '360700', '999999']);
    expect(targetsOutside(dir, '360000', ['360702', '360100'])).toEqual([]);
  });
});
