import { CenterDirectory } from '@syn/network';
import { busPermissionsFor } from './bus-permissions';

const directory = new CenterDirectory([
  { code: '360000', name: '江西省', level: 'province', parent: null },
  { code: '360700', name: '赣州市', level: 'city', parent: '360000' },
  { code: '360702', name: '章贡区', level: 'county', parent: '360700' },
]);

describe('busPermissionsFor with a JetStream domain', () => {
  it('allows each API call also under the domain prefix, and nothing more', () => {
    const plain = busPermissionsFor(directory, ['360702'], 'county');
    const leaf = busPermissionsFor(directory, ['360702'], 'county', 'jiangxi');
    const api = plain.publish.filter((s) => s.startsWith('$JS.API.'));
    expect(api.length).toBeGreaterThan(0);
    expect(leaf.publish.sort()).toEqual([...plain.publish, ...api.map((s) => s.replace('$JS.API.', '$JS.jiangxi.API.'))].sort());
    expect(leaf.publish).toContain('$JS.jiangxi.API.CONSUMER.MSG.NEXT.SYN.360702-from-parent');
    expect(leaf.subscribe).toEqual(plain.subscribe);
  });
});
