import type { Center } from '@syn/network';
import type { TestAppSpec } from '@syn/testing';
import type { BenchOptions } from './bench-options';

export const PROVINCE = '360000';

const CITY_NAMES = ['南昌市', '景德镇市', '萍乡市', '九江市', '新余市', '鹰潭市', '赣州市', '吉安市', '宜春市'];

export interface BenchTopology {
  centers: Center[];
  hubs: string[];
  counties: string[];
  countiesOf: Map<string, string[]>;
  apps: TestAppSpec[];
}

const split = <T>(items: T[], parts: number): T[][] => Array.from({ length: parts }, (_, p) => items.filter((_, i) => i % parts === p));

/**
 * 江西 with `hubs` cities (3601xx, 3602xx, …) and `counties` counties dealt round-robin under
 * them as 36HHNN codes; the apps host them multi-tenant, counties spread over a few processes.
 * Every hub auto-accepts its counties (HUB_AUTO_ACCEPT_FROM=*), so a story reaches the pool
 * without a curator; docs/benchmarks.md says why.
 */
export function buildTopology(o: BenchOptions): BenchTopology {
  const centers: Center[] = [{ code: PROVINCE, name: '江西省融媒体平台', level: 'province', parent: null }];
  const hubs = Array.from({ length: o.hubs }, (_, h) => `36${String(h + 1).padStart(2, '0')}00`);
  hubs.forEach((code, h) => centers.push({ code, name: `${CITY_NAMES[h]}融媒体中心`, level: 'city', parent: PROVINCE }));
  const countiesOf = new Map(hubs.map((h) => [h, [] as string[]]));
  const counties: string[] = [];
  for (let i = 0; i < o.counties; i++) {
    const h = i % hubs.length;
    const n = Math.floor(i / hubs.length) + 1;
    const code = `${hubs[h].slice(0, 4)}${String(n).padStart(2, '0')}`;
    centers.push({ code, name: `${CITY_NAMES[h]}第${n}县融媒体中心`, level: 'county', parent: hubs[h] });
    countiesOf.get(hubs[h])!.push(code);
    counties.push(code);
  }
  const apps: TestAppSpec[] = [
    { kind: 'province', centers: [PROVINCE], name: 'province' },
    ...split(hubs, o.cityProcesses).map((cs, i) => ({ kind: 'city' as const, centers: cs, name: `city-${i + 1}`, env: { HUB_AUTO_ACCEPT_FROM: '*' } })),
    ...split(counties, o.countyProcesses).map((cs, i) => ({ kind: 'county' as const, centers: cs, name: `county-${i + 1}` })),
  ];
  return { centers, hubs, counties, countiesOf, apps };
}
