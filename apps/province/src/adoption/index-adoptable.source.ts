import { Injectable } from '@nestjs/common';
import type { AdoptableStory, AdoptableStorySource } from '@syn/distribution';
import type { EntityManager } from 'typeorm';

/** The provincial desk adopts from its index of every pool in the province (its own pool included). */
@Injectable()
export class IndexAdoptableSource implements AdoptableStorySource {
  async find(m: EntityManager, province: string, storyId: string): Promise<AdoptableStory | null> {
    const rows: Array<{
      story_id: string;
      version: number;
      title: string;
      origin_code: string;
      hub_code: string;
      authors: string[];
      embargo_until: Date | null;
    }> = await m.query(
      `SELECT story_id, version, title, origin_code, hub_code, authors, embargo_until FROM story_index WHERE story_id = $1 AND province_code = $2`,
      [storyId, province],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      storyId: r.story_id,
      version: r.version,
      title: r.title,
      originCode: r.origin_code,
      hubCode: r.hub_code,
      authors: r.authors,
      embargoUntil: r.embargo_until,
    };
  }
}
