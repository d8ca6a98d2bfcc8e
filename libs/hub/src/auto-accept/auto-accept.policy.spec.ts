import type { AppEnv } from '@syn/config';
import { CenterDirectory } from '@syn/network';
import { AutoAcceptPolicy } from './auto-accept.policy';

const directory = new CenterDirectory([
  { code: '360000', name: '江西省融媒体平台', level: 'province', parent: null },
  { code: '360700', name: '赣州市融媒体中心', level: 'city', parent: '360000' },
  { code: '360702', name: '章贡区融媒体中心', level: 'county', parent: '360700' },
  { code: '360703', name: '南康区融媒体中心', level: 'county', parent: '360700' },
  { code: '360100', name: '南昌市融媒体中心', level: 'city', parent: '360000' },
  { code: '360113', name: '南昌市红谷滩区融媒体中心', level: 'county', parent: '360100' },
]);
const policy = (list?: string[]) => new AutoAcceptPolicy({ HUB_AUTO_ACCEPT_FROM: list } as AppEnv, directory);

describe('AutoAcceptPolicy', () => {
  it('trusts nobody unless configured', () => {
    expect(policy().enabled).toBe(false);
    expect(policy([]).trusts('360700', '360702')).toBe(false);
  });

  it('trusts only the listed children of the hub', () => {
    const p = policy(['360702']);
    expect(p.trusts('360700', '360702')).toBe(true);
    expect(p.trusts('360700', '360703')).toBe(false);
  });

  it('never vouches for a center that is not its direct child, even when listed or with *', () => {
    expect(policy(['360113']).trusts('360700', '360113')).toBe(false);
    expect(policy(['*']).trusts('360700', '360113')).toBe(false);
    expect(policy(['*']).trusts('360000', '360702')).toBe(false);
    expect(policy(['*']).trusts('360700', '999999')).toBe(false);
  });

  it('* trusts every direct child', () => {
    const p = policy(['*']);
    expect(p.trusts('360700', '360702')).toBe(true);
    expect(p.trusts('360700', '360703')).toBe(true);
    expect(p.trusts('360000', '360700')).toBe(true);
  });
});
