import { CenterDirectory } from './center-directory';

const tree = [
  { code: '360000', name: '江西省', level: 'province' as const, parent: null },
  { code: '360700', name: '赣州市', level: 'city' as const, parent: '360000', grpc: '127.0.0.1:50051' },
  { code: '360702', name: '章贡区', level: 'county' as const, parent: '360700' },
  { code: '460000', name: '海南省', level: 'province' as const, parent: null },
  { code: '469023', name: '澄迈县', level: 'county' as const, parent: '460000' },
];

describe('CenterDirectory', () => {
  const d = new CenterDirectory(tree);

  it('follows parents, whatever the depth', () => {
    expect(d.parentOf('360702')?.code).toBe('360700');
    expect(d.parentOf('469023')?.code).toBe('460000');
    expect(d.rootOf('360702').code).toBe('360000');
    expect(d.isSelfOrAncestor('360000', '360702')).toBe(true);
    expect(d.isSelfOrAncestor('460000', '360702')).toBe(false);
    expect(d.childrenOf('360700').map((c) => c.code)).toEqual(['360702']);
  });

  it('names every problem of a bad tree at once', () => {
    expect(
      () =>
        new CenterDirectory([
          { code: '36000', name: 'x', level: 'province', parent: null },
          { code: '360702', name: '章贡区', level: 'county', parent: '999999' },
          { code: '360702', name: '重复', level: 'county', parent: null },
        ]),
    ).toThrow(/code must be a six-digit[\s\S]*duplicate code 360702/);
    expect(
      () =>
        new CenterDirectory([
          { code: '360700', name: 'a', level: 'city', parent: '360702' },
          { code: '360702', name: 'b', level: 'county', parent: '360700' },
        ]),
    ).toThrow(/loops/);
  });

  it('an unknown code is an error naming it', () => {
    expect(() => d.get('123456')).toThrow('center 123456 is not part of this network');
  });
});
