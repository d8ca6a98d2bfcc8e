import { parseBenchOptions } from './bench-options';
import { buildTopology } from './bench-topology';
import { percentile } from './percentiles';
import { ProgressBar } from './progress-bar';
import { procStatusKb } from './rss-sampler';
import { postgresRole } from './cpu-meter';
import { hammingDistance, NEAR_DUPLICATE_MAX_DISTANCE, simhash } from '@syn/chinese-text';
import { BODY_BYTES, loadParagraphs, storyBody } from './story-payloads';
import { sanitizeBody } from '@syn/story';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeSearchSection } from './search-report';
import { measureIndexingFloor } from './indexing-floor';
import { storyText } from './floor-text';
import { floorStoryId, floorEventId } from './floor-wire';
import { ChineseSegmenter } from '@syn/chinese-text';
import { nextPollMs, waitForCount } from './wait-for-count';

describe('bench modules', () => {
  it('builds 120 valid counties under 4 hubs, spread over the app processes', () => {
    const t = buildTopology(parseBenchOptions([]));
    expect(t.counties).toHaveLength(120);
    expect(new Set(t.centers.map((c) => c.code)).size).toBe(t.centers.length);
    expect(t.centers.every((c) => /^36\d{4}$/.test(c.code))).toBe(true);
    for (const c of t.counties) expect(t.centers.find((x) => x.code === c)?.parent).toMatch(/^36\d{2}00$/);
    expect(t.apps.flatMap((a) => a.centers).sort()).toEqual(t.centers.map((c) => c.code).sort());
    expect(t.apps.filter((a) => a.kind === 'city').every((a) => a.env?.HUB_AUTO_ACCEPT_FROM === '*')).toBe(true);
  });

  it('polls a count closer and closer to its end, so a one-second phase is not read as two', async () => {
    expect(nextPollMs(1000, undefined, 25, 1000)).toBe(100);
    expect(nextPollMs(100_000, 0.1, 25, 1000)).toBe(1000);
    expect(nextPollMs(100, 0.4, 25, 1000)).toBe(125);
    expect(nextPollMs(4, 0.4, 25, 1000)).toBe(25);
    // 400 items at 0.4 per ms: done at 1,000 ms; the poll that sees it comes within 25 ms on a quiet machine.
    const start = performance.now();
    const count = async () => Math.min(400, Math.floor((performance.now() - start) * 0.4));
    const seenAt = (await waitForCount(count, 400, () => undefined, 10_000)) - start;
    expect(seenAt).toBeGreaterThanOrEqual(1000);
    // Under a loaded CI a timer fires late; a fixed one-second poll would have seen it at 2,000 ms.
    expect(seenAt).toBeLessThan(1500);
  });

  it('waits as long as the count moves, and gives up only when it stands still', async () => {
    const start = performance.now();
    // 300 items at 0.5 per ms take 600 ms: longer than the 200 ms the count may stand still, never standing still that long.
    const slow = async () => Math.min(300, Math.floor((performance.now() - start) * 0.5));
    await expect(waitForCount(slow, 300, () => undefined, 200)).resolves.toBeGreaterThanOrEqual(start + 600);
    const stuck = async () => 7;
    await expect(waitForCount(stuck, 300, () => undefined, 1000)).rejects.toThrow('only 7 of 300 arrived, and none for 1 s');
  });

  it('parses flags, and --quick is a small run that writes nothing', () => {
    expect(parseBenchOptions(['--quick'])).toMatchObject({ quick: true, write: false, searchStories: 0 });
    expect(parseBenchOptions([])).toMatchObject({ rate: 100, searchStories: 0, floorOnly: false });
    expect(parseBenchOptions(['--search'])).toMatchObject({ searchStories: 1_000_000 });
    expect(parseBenchOptions(['--counties', '150', '--stories', '2000', '--no-write'])).toMatchObject({ counties: 150, stories: 2000, write: false });
    expect(() => parseBenchOptions(['--counties', 'many'])).toThrow(/bad argument/);
  });

  it('makes ~4 KB bodies that sanitising leaves unchanged and that differ per story', () => {
    const paragraphs = ['县级融媒体中心建设“大稿库”，推动三级平台贯通。'.repeat(3), '市级平台审核入库，省级平台择优选用。'.repeat(4)];
    const a = storyBody(paragraphs, 1);
    expect(Buffer.byteLength(a)).toBeGreaterThan(BODY_BYTES - 64);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(BODY_BYTES);
    const { paragraphs: real } = loadParagraphs();
    for (let n = 0; n < 400; n++) {
      const b = storyBody(real, 10_000_000 + n);
      expect(sanitizeBody(b)).toBe(b);
    }
    expect(storyBody(paragraphs, 2)).not.toBe(a);
  });

  it('draws bodies of whole seed sentences only, and stories that are rarely near-duplicates', () => {
    const { paragraphs: real } = loadParagraphs();
    const seedText = real.join('');
    for (const n of [0, 1, 99]) {
      const sentences = storyBody(real, n)
        .replace(/<p>（本稿为压力测试稿件，编号 \d+）<\/p>$/, '')
        .replace(/<\/?p>/g, '')
        .match(/[^。！？]+[。！？]?/g)!;
      // Every sentence but the cut last one is the seed text's own, character for character.
      for (const s of sentences.slice(0, -1)) expect(seedText).toContain(s);
    }
    const hashes = Array.from({ length: 60 }, (_, n) => simhash(storyBody(real, n).replace(/<[^>]+>/g, '\n')));
    let near = 0;
    for (let i = 0; i < hashes.length; i++)
      for (let j = i + 1; j < hashes.length; j++) if (hammingDistance(hashes[i], hashes[j]) <= NEAR_DUPLICATE_MAX_DISTANCE) near++;
    // ~1 pair in 4,000 falls within the threshold (story-payloads.ts says why): at most one here.
    expect(near).toBeLessThanOrEqual(1);
  });

  it('computes nearest-rank percentiles, reads its own RSS and draws a bar', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(xs, 50), percentile(xs, 99), percentile(xs, 100)]).toEqual([50, 99, 100]);
    expect(procStatusKb(process.pid, 'VmHWM')).toBeGreaterThan(1000);
    expect(ProgressBar.line('phase', 5, 10, 1000, 10)).toContain('[█████░░░░░]  50% 5/10 5/s eta 1s');
  });

  it('rewrites the search section in place and keeps the rest of the page', () => {
    const doc = join(mkdtempSync(join(tmpdir(), 'bench-doc-')), 'benchmarks.md');
    writeFileSync(doc, '# Benchmarks\n\nhand-written\n');
    const result = (p95: number) => ({ stories: 1000, totalSeconds: 9, results: { rare_word: { runs: 10, p50: 1, p95, p99: 3, max: 4 } } });
    writeSearchSection(doc, result(2), 'first');
    writeSearchSection(doc, result(77), 'second');
    const text = readFileSync(doc, 'utf8');
    expect(text).toContain('hand-written');
    expect(text).toContain('| rare word | 1 | 77 ❌ | 3 | 50 |');
    expect(text).not.toContain('first');
    expect(text.match(/## Pool search/g)).toHaveLength(1);
  });

  it('measures the text work per story and the ceiling it puts on two levels of indexing', () => {
    const { paragraphs: real } = loadParagraphs();
    const r = measureIndexingFloor(real, 20);
    expect(r.stories).toBe(20);
    expect(r.cpuMsPerStoryPerLevel).toBeGreaterThan(0);
    expect(r.levels).toBe(2);
    expect(r.ceilingStoriesPerSecond).toBeCloseTo((r.cores * 1000) / (2 * r.cpuMsPerStoryPerLevel), 6);
    expect(r.jiebaMsPerStoryPerLevel).toBeGreaterThan(0);
    expect(r.jiebaCeilingStoriesPerSecond).toBeGreaterThan(r.ceilingStoriesPerSecond);
  });

  it('does the floor hub’s text work once: a weighted tsvector with positions, the SimHash and its bands', () => {
    const t = storyText(
      new ChineseSegmenter(),
      '赣州市融媒体中心大稿库',
      '<p>赣州市融媒体中心建设“大稿库”。</p><script>x</script><p>县级融媒体中心上报稿件。</p>',
    );
    expect(t.body).not.toContain('script');
    expect(t.tsvector).toMatch(/'赣州':\d+A/);
    expect(t.tsvector).toMatch(/'上报':\d+(?![A\d])/);
    expect(t.bands).toHaveLength(4);
    expect(t.probeKeys).toHaveLength(68);
    expect(t.probeKeys).toEqual(expect.arrayContaining(t.bands));
    expect(BigInt(t.simhash)).not.toBe(0n);
  });

  it('derives distinct, valid uuids from story serials', () => {
    const ids = [floorStoryId(0), floorStoryId(1), floorStoryId(0xffffffff), floorEventId(1)];
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tells which database a PostgreSQL process works for from its title', () => {
    expect(postgresRole('postgres: 15/main: postgres syn_bench_floor_hub_1a2b 127.0.0.1(58348) idle in transaction ')).toEqual({
      autovacuum: false,
      database: 'syn_bench_floor_hub_1a2b',
    });
    expect(postgresRole('postgres: app syn_x [local] INSERT')).toEqual({ autovacuum: false, database: 'syn_x' });
    expect(postgresRole('postgres: 15/main: walwriter   ')).toEqual({ autovacuum: false, database: undefined });
    expect(postgresRole('postgres: 15/main: autovacuum worker syn_x')).toEqual({ autovacuum: true });
  });
});
