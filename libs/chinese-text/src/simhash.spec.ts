import { readFileSync } from 'fs';
import { resolve } from 'path';
import { NEAR_DUPLICATE_MAX_DISTANCE, hammingDistance, simhash, simhashBands, simhashProbeKeys, simhashToPg, toSignedInt64 } from './simhash';

interface SeedStory {
  title: string;
  body: string[];
}

// Tests run with cwd = repo root; the seed stories ship with the demo.
const seed: SeedStory[] = JSON.parse(readFileSync(resolve(__dirname, '../../../deploy/demo/seed-stories.json'), 'utf8')).stories;
const text = (s: SeedStory) => `${s.title}\n${s.body.join('\n')}`;
const sentences = (body: string) => body.split(/(?<=[。！？])/).filter((x) => x.trim().length > 0);

describe('simhash near-duplicate detection on the seed stories', () => {
  const hashes = seed.map((s) => simhash(text(s)));

  it('keeps a copy with three characters changed within the threshold', () => {
    seed.forEach((s, i) => {
      const chars = [...s.body.join('\n')];
      for (const p of [17, 101, 211]) chars[p % chars.length] = chars[p % chars.length] === '的' ? '地' : '的';
      expect(hammingDistance(hashes[i], simhash(`${s.title}\n${chars.join('')}`))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    });
  });

  it('keeps a copy with a sentence added within the threshold', () => {
    seed.forEach((s, i) => {
      const edited = `${text(s)}\n据了解，该中心今年以来已累计发稿三千余篇。`;
      expect(hammingDistance(hashes[i], simhash(edited))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
    });
  });

  it('keeps a copy with a sentence removed within the threshold for a full-length story', () => {
    // Pool stories are ~4 KB; one seed story is ~300 characters, where a
    // single sentence is 10-15% of the text. Four consecutive seed stories
    // (~1,200 characters, still shorter than a pool story) stand in for one.
    for (let start = 0; start + 4 <= seed.length; start += 4) {
      const group = seed.slice(start, start + 4);
      const title = group[0].title;
      const body = group.map((s) => s.body.join('\n')).join('\n');
      const original = simhash(`${title}\n${body}`);
      const parts = sentences(body);
      for (const drop of [0, parts.length >> 1, parts.length - 1]) {
        const edited = `${title}\n${parts.filter((_, i) => i !== drop).join('')}`;
        expect(hammingDistance(original, simhash(edited))).toBeLessThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE);
      }
    }
  });

  it('keeps different stories on the same theme far outside the threshold', () => {
    for (let i = 0; i < hashes.length; i++) {
      for (let j = i + 1; j < hashes.length; j++) {
        // Observed minimum is 17; demand a clear margin, not just "> threshold".
        expect(hammingDistance(hashes[i], hashes[j])).toBeGreaterThanOrEqual(NEAR_DUPLICATE_MAX_DISTANCE + 6);
      }
    }
  });
});

describe('simhash arithmetic', () => {
  it('counts differing bits over all 64 bits, signed or not', () => {
    expect(hammingDistance(0n, 0n)).toBe(0);
    expect(hammingDistance(0n, (1n << 64n) - 1n)).toBe(64);
    expect(hammingDistance(-1n, 0n)).toBe(64);
    expect(hammingDistance('5', '3')).toBe(2);
  });

  it('round-trips through a signed PostgreSQL bigint', () => {
    const h = (1n << 63n) | 12345n;
    expect(toSignedInt64(h)).toBeLessThan(0n);
    expect(simhashToPg(h)).toBe(toSignedInt64(h).toString());
    expect(hammingDistance(simhashToPg(h), h)).toBe(0);
  });

  it('finds every fingerprint within the threshold through the band probes', () => {
    let state = 0x9e3779b97f4a7c15n;
    const next = () => {
      state = BigInt.asUintN(64, state * 6364136223846793005n + 1442695040888963407n);
      return state;
    };
    for (let trial = 0; trial < 500; trial++) {
      const stored = next();
      let probe = stored;
      const flips = Number(next() % BigInt(NEAR_DUPLICATE_MAX_DISTANCE + 1));
      for (let k = 0; k < flips; k++) probe ^= 1n << (next() % 64n);
      const keys = new Set(simhashProbeKeys(probe));
      expect(simhashBands(stored).some((b) => keys.has(b))).toBe(true);
    }
  });

  it('probes 4 bands × 17 values', () => {
    expect(simhashProbeKeys(0x0123456789abcdefn)).toHaveLength(68);
    expect(new Set(simhashBands(0n)).size).toBe(4);
  });
});
