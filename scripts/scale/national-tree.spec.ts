import { CenterDirectory } from '@syn/network';
import { nationalTree, PROVINCES } from './national-tree';

describe('nationalTree', () => {
  const tree = nationalTree();
  const directory = new CenterDirectory(tree);

  it('has the country’s shape: 31 provinces, ~330 cities, ~2,844 counties, codes unique and six digits', () => {
    const count = (level: string) => tree.filter((c) => c.level === level).length;
    expect(count('province')).toBe(31);
    expect(count('city')).toBe(PROVINCES.reduce((n, p) => n + p.cities, 0));
    expect(count('city')).toBeGreaterThan(300);
    expect(count('county')).toBe(2844);
    expect(new Set(tree.map((c) => c.code)).size).toBe(tree.length);
    for (const c of tree) expect(c.code).toMatch(/^\d{6}$/);
  });

  it('hangs every county under a city of its own province, or straight under a municipality', () => {
    expect(directory.parentOf('360702')?.code).toBe('360700');
    expect(directory.parentOf('119001')?.code).toBe('110000');
    for (const c of tree.filter((x) => x.parent)) expect(c.code.slice(0, 2)).toBe(c.parent!.slice(0, 2));
  });
});
