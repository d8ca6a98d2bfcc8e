import { ChineseSegmenter } from './segmenter';

/**
 * 64-bit SimHash for near-duplicate detection of pooled stories.
 *
 * The same wire story reaches the pool several times (re-submitted by
 * neighbouring counties with a changed lead, a local sentence added, a typo
 * fixed). SimHash maps such copies to fingerprints a few bits apart while
 * unrelated stories land ~32 bits apart, and banding turns "within k bits"
 * into equality lookups an index can answer.
 */

/**
 * Largest Hamming distance treated as a near-duplicate. Chosen on the seed
 * stories (docs/search-design.md has the table): on ~300-character stories,
 * 3 changed characters stay ≤ 7 in 98% of trials, an added sentence ≤ 7 in
 * all, a removed sentence (~10% of the text) in 84%; different stories on the
 * same theme (all 14 seed stories are about media convergence) are ≥ 17
 * apart. Full-length (~4 KB) stories move far less per edit, so 7 leaves a
 * wide margin on both sides there.
 */
export const NEAR_DUPLICATE_MAX_DISTANCE = 7;

/**
 * Stored bands: 4 × 16 bits, kept as int4 keys `band << 16 | bits`, one row
 * each in a narrow band table (pool-search.sql.ts, simhashBandsDdl). Two fingerprints within 7 bits differ in at most
 * 1 bit in at least one band (pigeonhole: 4 bands × 2 bits = 8 > 7), so the
 * lookup probes every stored band value within radius 1 of the new story's
 * bands (4 × 17 = 68 keys). At 200k stories each key matches ~3 stories by
 * chance, i.e. ~200 candidates to verify exactly instead of the ~14k that
 * eight 8-bit bands would return.
 */
export const SIMHASH_BAND_COUNT = 4;
export const SIMHASH_BAND_BITS = 16;
export const SIMHASH_PROBE_RADIUS = Math.floor(NEAR_DUPLICATE_MAX_DISTANCE / SIMHASH_BAND_COUNT);

export interface SimHashOptions {
  readonly segmenter?: ChineseSegmenter;
}

/** Fingerprint as an unsigned 64-bit BigInt. */
export function simhash(text: string, options: SimHashOptions = {}): bigint {
  const segmenter = options.segmenter ?? ChineseSegmenter.shared();
  // Precise mode: search mode's overlapping sub-words would count every
  // compound two or three times and drown the rest of the text.
  const words = segmenter.words(text, { mode: 'precise' });
  return simhashOfWords(words);
}

export function simhashOfWords(words: readonly string[]): bigint {
  const tf = new Map<string, number>();
  for (const w of words) {
    // Lone characters are mostly particles or fragments of unknown names; they
    // add noise shared by every story rather than identity.
    if (w.length < 2) continue;
    tf.set(w, (tf.get(w) ?? 0) + 1);
  }
  const acc = new Float64Array(64);
  for (const [word, count] of tf) {
    const weight = 1 + Math.log(count);
    const [hi, lo] = hash64(word);
    for (let bit = 0; bit < 32; bit++) {
      acc[bit] += (lo >>> bit) & 1 ? weight : -weight;
      acc[bit + 32] += (hi >>> bit) & 1 ? weight : -weight;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (acc[bit] > 0) lo |= 1 << bit;
    if (acc[bit + 32] > 0) hi |= 1 << bit;
  }
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Two's-complement view for a PostgreSQL `bigint` column. */
export function toSignedInt64(value: bigint): bigint {
  return BigInt.asIntN(64, value);
}

/** String form for `pg` parameters bound to a `bigint` column. */
export function simhashToPg(value: bigint): string {
  return toSignedInt64(value).toString();
}

export function hammingDistance(a: bigint | string, b: bigint | string): number {
  let x = BigInt.asUintN(64, BigInt(a)) ^ BigInt.asUintN(64, BigInt(b));
  let count = 0;
  while (x !== 0n) {
    x &= x - 1n;
    count++;
  }
  return count;
}

/** The band keys stored with a story (one per band). */
export function simhashBands(value: bigint): number[] {
  const bands: number[] = [];
  for (let band = 0; band < SIMHASH_BAND_COUNT; band++) bands.push(bandKey(band, bandBits(value, band)));
  return bands;
}

/**
 * Keys to look up for a new story: each band's own value plus every value
 * within SIMHASH_PROBE_RADIUS bits of it.
 */
export function simhashProbeKeys(value: bigint): number[] {
  const keys: number[] = [];
  for (let band = 0; band < SIMHASH_BAND_COUNT; band++) {
    for (const bits of withinRadius(bandBits(value, band), SIMHASH_BAND_BITS, SIMHASH_PROBE_RADIUS)) {
      keys.push(bandKey(band, bits));
    }
  }
  return keys;
}

function bandBits(value: bigint, band: number): number {
  const mask = (1n << BigInt(SIMHASH_BAND_BITS)) - 1n;
  return Number((BigInt.asUintN(64, value) >> BigInt(band * SIMHASH_BAND_BITS)) & mask);
}

function bandKey(band: number, bits: number): number {
  return band * 2 ** SIMHASH_BAND_BITS + bits;
}

function withinRadius(bits: number, width: number, radius: number): number[] {
  let frontier = [bits];
  const seen = new Set(frontier);
  for (let r = 0; r < radius; r++) {
    const next: number[] = [];
    for (const v of frontier) {
      for (let b = 0; b < width; b++) {
        const flipped = v ^ (1 << b);
        if (!seen.has(flipped)) {
          seen.add(flipped);
          next.push(flipped);
        }
      }
    }
    frontier = next;
  }
  return [...seen];
}

/**
 * Two independent 32-bit murmur3-finalised FNV-1a hashes: plenty of spread for
 * a 64-bit fingerprint without BigInt arithmetic in the per-word loop.
 */
function hash64(word: string): [number, number] {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  return [fmix32(h1), fmix32(h2 ^ word.length)];
}

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
