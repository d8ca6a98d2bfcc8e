import { Injectable } from '@nestjs/common';
import type { Author } from '@syn/contracts';
import type { EntityManager } from 'typeorm';
import type { AdoptableStory, AdoptableStorySource } from './adoptable-story-source';

/** A hub adopts from its own pool (大稿库). */
@Injectable()
export class PoolAdoptableSource implements AdoptableStorySource {
  async find(m: EntityManager, adopter: string, storyId: string): Promise<AdoptableStory | null> {
    const rows: Array<{
      story_id: string;
      version: number;
      title: string;
      origin_code: string;
      hub_code: string;
      authors: Author[];
      embargo_until: Date | null;
    }> = await m.query(
      `SELECT story_id, version, title, origin_code, hub_code, authors, embargo_until FROM pool_stories WHERE story_id = $1 AND hub_code = $2`,
      [storyId, adopter],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      storyId: r.story_id,
      version: r.version,
      title: r.title,
      originCode: r.origin_code,
      hubCode: r.hub_code,
      authors: r.authors.map((a) => a.name),
      embargoUntil: r.embargo_until,
    };
  }
}
