import type { Center } from '@syn/network';

/**
 * The 31 provincial-level divisions of the mainland with their real GB/T 2260 codes, and how many
 * prefecture-level and county-level divisions each has (rounded from the 2023 division counts).
 * No full code list is available offline, so the cities and counties under each province are made
 * up with the right shape: codes follow the standard's pattern (PP CC XX) but are not the real
 * ones, and names are placeholders. `direct` counts county-level units straight under the province
 * (the four municipalities' districts, Hainan's and Hubei's directly administered counties, …).
 */
export const PROVINCES: ReadonlyArray<{ code: string; name: string; cities: number; counties: number; direct: number }> = [
  { code: '110000', name: '北京', cities: 0, counties: 0, direct: 16 },
  { code: '120000', name: '天津', cities: 0, counties: 0, direct: 16 },
  { code: '130000', name: '河北', cities: 11, counties: 167, direct: 0 },
  { code: '140000', name: '山西', cities: 11, counties: 117, direct: 0 },
  { code: '150000', name: '内蒙古', cities: 12, counties: 103, direct: 0 },
  { code: '210000', name: '辽宁', cities: 14, counties: 100, direct: 0 },
  { code: '220000', name: '吉林', cities: 9, counties: 60, direct: 0 },
  { code: '230000', name: '黑龙江', cities: 13, counties: 121, direct: 0 },
  { code: '310000', name: '上海', cities: 0, counties: 0, direct: 16 },
  { code: '320000', name: '江苏', cities: 13, counties: 95, direct: 0 },
  { code: '330000', name: '浙江', cities: 11, counties: 90, direct: 0 },
  { code: '340000', name: '安徽', cities: 16, counties: 104, direct: 0 },
  { code: '350000', name: '福建', cities: 9, counties: 84, direct: 0 },
  { code: '360000', name: '江西', cities: 11, counties: 100, direct: 0 },
  { code: '370000', name: '山东', cities: 16, counties: 136, direct: 0 },
  { code: '410000', name: '河南', cities: 17, counties: 156, direct: 1 },
  { code: '420000', name: '湖北', cities: 13, counties: 99, direct: 4 },
  { code: '430000', name: '湖南', cities: 14, counties: 122, direct: 0 },
  { code: '440000', name: '广东', cities: 21, counties: 122, direct: 0 },
  { code: '450000', name: '广西', cities: 14, counties: 111, direct: 0 },
  { code: '460000', name: '海南', cities: 4, counties: 10, direct: 15 },
  { code: '500000', name: '重庆', cities: 0, counties: 0, direct: 38 },
  { code: '510000', name: '四川', cities: 21, counties: 183, direct: 0 },
  { code: '520000', name: '贵州', cities: 9, counties: 88, direct: 0 },
  { code: '530000', name: '云南', cities: 16, counties: 129, direct: 0 },
  { code: '540000', name: '西藏', cities: 7, counties: 74, direct: 0 },
  { code: '610000', name: '陕西', cities: 10, counties: 107, direct: 0 },
  { code: '620000', name: '甘肃', cities: 14, counties: 86, direct: 0 },
  { code: '630000', name: '青海', cities: 8, counties: 44, direct: 0 },
  { code: '640000', name: '宁夏', cities: 5, counties: 22, direct: 0 },
  { code: '650000', name: '新疆', cities: 14, counties: 97, direct: 11 },
];

/** The whole tree: every province, its cities, and its counties spread evenly over its cities. */
export function nationalTree(): Center[] {
  const out: Center[] = [];
  for (const p of PROVINCES) {
    const pp = p.code.slice(0, 2);
    out.push({ code: p.code, name: `${p.name}融媒体平台`, level: 'province', parent: null });
    // Municipality districts and directly administered counties use CC = 90, as the standard does.
    for (let i = 1; i <= p.direct; i++) out.push({ code: `${pp}90${pad(i)}`, name: `${p.name}直辖县${i}融媒体中心`, level: 'county', parent: p.code });
    for (let c = 1; c <= p.cities; c++) {
      const city = `${pp}${pad(c)}00`;
      out.push({ code: city, name: `${p.name}市${c}融媒体中心`, level: 'city', parent: p.code });
      // Counties spread over cities, the first cities getting the remainder.
      const n = Math.floor(p.counties / p.cities) + (c <= p.counties % p.cities ? 1 : 0);
      for (let k = 1; k <= n; k++) out.push({ code: `${pp}${pad(c)}${pad(k)}`, name: `${p.name}市${c}县${k}融媒体中心`, level: 'county', parent: city });
    }
  }
  return out;
}

const pad = (n: number) => String(n).padStart(2, '0');
