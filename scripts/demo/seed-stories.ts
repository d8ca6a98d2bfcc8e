import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface SeedStory {
  title: string;
  byline: string;
  origin: { name: string; level: string; code: string | null; parents: string[] };
  body: string[];
}

/** The 14 statements of the seed newspaper page, as stories with their origins. */
export function loadSeedStories(path = resolve(__dirname, '../../../deploy/demo/seed-stories.json')): SeedStory[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { stories: SeedStory[] }).stories;
}

/** Turns a seed statement into the body of POST /stories. */
export function toStoryInput(s: SeedStory, category = '媒体融合') {
  const [person] = s.byline.split(' ').slice(-1);
  return {
    title: s.title,
    body: s.body.map((p) => `<p>${p}</p>`).join(''),
    byline: s.byline,
    authors: person ? [{ name: person, role: 'author' as const }] : [],
    category,
    tags: ['媒体融合', '县级融媒体中心'],
  };
}
