import { mayView } from './pool.service';

describe('embargo (mayView)', () => {
  const now = new Date('2026-11-26T08:00:00Z');
  const row = { hubCode: '360700', originCode: '360702', embargoUntil: new Date('2026-11-26T09:00:00Z') };

  it('lets only the origin and the hub see a story before its embargo passes', () => {
    expect(mayView('360700', row, now)).toBe(true);
    expect(mayView('360702', row, now)).toBe(true);
    expect(mayView('360703', row, now)).toBe(false);
    expect(mayView('360000', row, now)).toBe(false);
  });

  it('lets everyone see it afterwards, and always without an embargo', () => {
    expect(mayView('360000', row, new Date('2026-11-26T09:00:00Z'))).toBe(true);
    expect(mayView('360703', { ...row, embargoUntil: null }, now)).toBe(true);
  });
});
