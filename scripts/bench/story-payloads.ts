import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Author } from '@syn/contracts';
import { mulberry32 } from './seeded-random';

/** Bodies are ~4 KB of UTF-8 (about 1,300 汉字), the size of an ordinary county story. */
export const BODY_BYTES = 4096;

// Used only when no sample directory is found, so the bench still runs on a bare clone.
const FALLBACK = [
  '县级融媒体中心坚持移动优先，构建“一次采集、多种生成、多元传播”的采编流程，推动新闻报道从“相加”走向“相融”。',
  '市级融媒体平台建成共享“大稿库”，各县区好稿经审核入库后，全市媒体可一键调用，省级平台同步汇聚、择优选用。',
  '中心组建通讯员队伍，围绕乡村振兴、民生实事、基层治理等主题，采写了一批接地气、有温度的稿件。',
  '省、市、县三级平台贯通后，稿件上报、审核、入库、采用全程留痕，采用反馈实时回传至作者所在中心。',
];

/** Paragraphs of real Chinese text: the seed stories kept in the repo, else BENCH_SAMPLES_DIR or the shared samples. */
export function loadParagraphs(cwd = process.cwd()): { paragraphs: string[]; source: string } {
  const seed = join(cwd, 'deploy/demo/seed-stories.json');
  if (!process.env.BENCH_SAMPLES_DIR && existsSync(seed)) {
    const stories = (JSON.parse(readFileSync(seed, 'utf8')) as { stories: Array<{ body: string[] }> }).stories;
    const paragraphs = stories.flatMap((st) => st.body).filter((l) => l.length >= 20);
    if (paragraphs.length > 0) return { paragraphs, source: `deploy/demo/seed-stories.json (${paragraphs.length} paragraphs)` };
  }
  const candidates = [process.env.BENCH_SAMPLES_DIR, join(cwd, '../shared/samples'), join(cwd, '../../shared/samples')].filter((d): d is string => !!d);
  for (const dir of candidates) {
    const file = join(dir, 'seed-page.txt');
    if (!existsSync(file)) continue;
    const paragraphs = readFileSync(file, 'utf8')
      .split('\n')
      .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
      .filter((l) => l.length >= 20);
    if (paragraphs.length > 0) return { paragraphs, source: `samples/${file.split('/').pop()} (${paragraphs.length} paragraphs)` };
  }
  return { paragraphs: FALLBACK, source: 'built-in paragraphs (no samples directory found)' };
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The paragraphs' sentences (each ending in its 。！？), the units stories are drawn from. */
function sentencesOf(paragraphs: string[]): string[] {
  const cached = SENTENCES.get(paragraphs);
  if (cached) return cached;
  const out = paragraphs
    .flatMap((p) => p.match(/[^。！？]+[。！？]?/g) ?? [])
    .map((x) => x.trim())
    .filter((x) => x.length >= 8);
  SENTENCES.set(paragraphs, out);
  return out;
}
const SENTENCES = new WeakMap<string[], string[]>();

/**
 * Story n: whole sentences of the real text drawn at random (seeded by n), four to a paragraph, cut
 * to BODY_BYTES on a character boundary, with the story number in the last paragraph so that no two
 * bodies (or content hashes) are equal. Nothing is invented: every word is the seed stories' own, so
 * the search lexicon stops growing once the text's vocabulary is in it, as a real pool's nearly does
 * (earlier runs replaced one 汉字 in ten at random, which made ~60 new "words" per story and
 * fed every per-word cost). The price is that ~100 seed sentences make stories closer than real
 * ones (SimHash distance 20 on average rather than 32; ~1 pair in 4,000 within the near-duplicate
 * threshold), so hubs find some near-duplicates, as they would among real counties' stories.
 * Drawing sentences rather than rotating whole paragraphs matters: rotating 47 paragraphs made
 * every 47th story a near-duplicate of the others, and hubs grew families of hundreds.
 */
export function storyBody(paragraphs: string[], n: number): string {
  const sentences = sentencesOf(paragraphs);
  const random = mulberry32(0x9e3779b9 ^ n);
  const tail = `<p>（本稿为压力测试稿件，编号 ${n}）</p>`;
  const budget = BODY_BYTES - Buffer.byteLength(tail);
  let html = '';
  let bytes = 0;
  while (bytes < budget) {
    let paragraph = '';
    for (let k = 0; k < 4; k++) paragraph += sentences[Math.floor(random() * sentences.length)];
    const p = `<p>${escapeHtml(paragraph)}</p>`;
    html += p;
    bytes += Buffer.byteLength(p);
  }
  // Cut inside the last paragraph, then close it, so the HTML stays well-formed. Counted per
  // character: the floor's publisher makes bodies inside its measured phases.
  const cutChars = [...html];
  while (bytes + 4 > budget) bytes -= Buffer.byteLength(cutChars.pop()!);
  let cut = cutChars.join('');
  if (!cut.endsWith('</p>')) cut = cut.replace(/<\/?p?>?$|<$/, '');
  if (!cut.endsWith('</p>')) cut += '</p>';
  return cut + tail;
}

const CATEGORIES = ['时政', '经济', '民生', '文化', '乡村振兴', '生态'];

export interface StoryInput {
  title: string;
  body: string;
  byline: string;
  authors: Author[];
  category: string;
  tags: string[];
}

export function storyInput(paragraphs: string[], n: number, county: string): StoryInput {
  const first = paragraphs[n % paragraphs.length].replace(/[，。、；：“”！？\s]/g, '').slice(0, 18);
  return {
    title: `${first}（${county}·${n}）`,
    body: storyBody(paragraphs, n),
    byline: `记者 张${n % 100} 通讯员 李${(n * 3) % 100}`,
    authors: [
      { name: `张${n % 100}`, role: 'reporter' },
      { name: `李${(n * 3) % 100}`, role: 'correspondent' },
    ],
    category: CATEGORIES[n % CATEGORIES.length],
    tags: ['融媒体', '压力测试'],
  };
}

export const resolveDoc = (p: string) => resolve(process.cwd(), p);
