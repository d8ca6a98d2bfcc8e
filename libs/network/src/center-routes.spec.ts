import { CenterDirectory } from './center-directory';

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

describe('CenterDirectory routes', () => {
  it('finds the next hop down towards a center, and none sideways or upward', () => {
    expect(dir.nextHopDown('360000', '360702')).toBe('360700');
    expect(dir.nextHopDown('360700', '360702')).toBe('360702');
    expect(dir.nextHopDown('360000', '360700')).toBe('360700');
    expect(dir.nextHopDown('360700', '360113')).toBeNull();
    expect(dir.nextHopDown('360702', '360700')).toBeNull();
    expect(dir.nextHopDown('360000', '360000')).toBeNull();
  });

  it('sends an item only to children on the way to a target, and to all children of a targeted center', () => {
    expect(dir.childrenToward('360000', ['360702'])).toEqual(['360700']);
    expect(dir.childrenToward('360700', ['360702'])).toEqual(['360702']);
    expect(dir.childrenToward('360000', ['360700'])).toEqual(['360700']);
    expect(dir.childrenToward('360700', ['360700']).sort()).toEqual(['360702', '360703']);
    expect(dir.childrenToward('360000', ['360702', '360113']).sort()).toEqual(['360100', '360700']);
  });

  it('knows who is covered by a target and which target covers it', () => {
    expect(dir.isTargeted('360703', ['360700'])).toBe(true);
    expect(dir.isTargeted('360700', ['360703'])).toBe(false);
    expect(dir.targetCovering('360703', ['360700', '360113'])).toBe('360700');
    expect(dir.targetCovering('360703', ['360702'])).toBeNull();
  });

  it('refuses targets that are not below the issuer', () => {
    expect(dir.targetsOutside('360700', ['360702', '360113', '360700', '999999'])).toEqual(['360113', '360700', '999999']);
    expect(dir.targetsOutside('360000', ['360702', '360100'])).toEqual([]);
  });

  it('names the hop between neighbours, the next hop toward any center, and who may address a center', () => {
    expect(dir.hop('360702', '360700')).toEqual({ direction: 'up', parent: '360700', child: '360702' });
    expect(dir.route('story.corrected', '360700', '360702')).toEqual({ direction: 'down', parent: '360700', child: '360702', type: 'story.corrected' });
    expect(() => dir.hop('360702', '360000')).toThrow('centers 360702 and 360000 are not neighbours');
    expect(dir.isNeighbour('360702', '360703')).toBe(false);
    expect(dir.nextHopToward('360702', '360113')).toBe('360700');
    expect(dir.nextHopToward('360000', '360702')).toBe('360700');
    expect(dir.nextHopToward('360702', '999999')).toBeNull();
    expect([...dir.sendersTo('360700', 'up')].sort()).toEqual(['360702', '360703']);
    expect([...dir.sendersTo('360700', 'down')]).toEqual(['360000']);
    expect([...dir.sendersTo('360000', 'down')]).toEqual([]);
  });
});
