import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { ForbiddenException, Inject, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { Principal } from '@syn/auth';
import { STORY_ADOPTED, StoryAdopted } from '@syn/contracts';
import { CenterDirectory } from '@syn/network';
import { decodeCursor, encodeCursor } from '@syn/persistence';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { LedgerService } from '../ledger/ledger.service';
import { DistributionRelay } from '../relay/distribution-relay';
import { nextHopDown } from '../relay/tree-routes';
import { ADOPTABLE_STORIES } from './adoptable-story-source';
import type { AdoptableStorySource } from './adoptable-story-source';
import { ADOPTION_POINTS } from './adoption-points-source';
import type { AdoptionPointsSource } from './adoption-points-source';
import { AdoptionsQuery } from './adoption.dto';

export interface AdoptionView {
  adoptionId: string;
  storyId: string;
  storyVersion: number;
  storyTitle: string;
  origin: { code: string; name: string };
  hub: { code: string; name: string };
  channel: string;
  adoptedBy: string;
  adoptedAt: string;
}

interface AdoptionRow {
  adoption_id: string;
  story_id: string;
  story_version: number;
  story_title: string;
  origin_code: string;
  hub_code: string;
  channel: string;
  adopted_by: string;
  adopted_at: Date;
}

/**
 * 选用 at a city or provincial desk. Each channel is one adoption: recorded, put on the ledger at the
 * desk's level, and fed back (采用反馈) hop by hop to the origin, all in one transaction.
 */
@Injectable()
export class AdoptionService {
  private readonly logger = new Logger('Adoption');

  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: CenterDirectory,
    private readonly ledger: LedgerService,
    private readonly relay: DistributionRelay,
    @Inject(ADOPTABLE_STORIES) private readonly stories: AdoptableStorySource,
    @Inject(ADOPTION_POINTS) private readonly points: AdoptionPointsSource,
  ) {}

  async adopt(adopter: string, storyId: string, requested: string[], by: Principal): Promise<AdoptionView[]> {
    const channels = [...new Set(requested.map((c) => c.trim()))];
    const level = this.directory.get(adopter).level;
    if (level === 'county') throw new ForbiddenException(`center ${adopter} is a county; only city and provincial desks adopt`);
    return this.dataSource.transaction(async (m) => {
      const story = await this.stories.find(m, adopter, storyId);
      if (!story) throw new NotFoundException(`story ${storyId} is not in reach of center ${adopter}`);
      if (story.embargoUntil && story.embargoUntil.getTime() > Date.now()) {
        throw new UnprocessableEntityException(`story ${storyId} is embargoed until ${story.embargoUntil.toISOString()}; it can be adopted after that`);
      }
      const held: Array<{ channel: string }> = await m.query(
        `SELECT channel FROM adoptions WHERE adopter_code = $1 AND story_id = $2 AND channel = ANY($3::text[]) FOR UPDATE`,
        [adopter, storyId, channels],
      );
      if (held.length)
        throw new StateConflict(
          API_ERROR_CODES.alreadyAdopted,
          `story ${storyId} is already adopted by ${adopter} for ${held.map((h) => h.channel).join('、')}`,
        );
      const now = new Date();
      const hop = nextHopDown(this.directory, adopter, story.originCode);
      const points = await this.points.pointsFor(m, adopter, level);
      const out: AdoptionView[] = [];
      for (const channel of channels) {
        const adoptionId = uuidv7();
        await m.query(
          `INSERT INTO adoptions (adoption_id, adopter_code, story_id, story_version, story_title, origin_code, hub_code, channel, adopted_by, adopted_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
          [adoptionId, adopter, storyId, story.version, story.title, story.originCode, story.hubCode, channel, by.name, now],
        );
        await this.ledger.record(m, adopter, {
          kind: 'adopted',
          storyId,
          storyVersion: story.version,
          originCode: story.originCode,
          authors: story.authors,
          level,
          channel,
          actorCode: adopter,
          refId: adoptionId,
          occurredAt: now.toISOString(),
        });
        if (hop) {
          await this.relay.down<StoryAdopted>(m, { kind: 'adoption', id: adoptionId }, adopter, hop, STORY_ADOPTED, {
            adoptionId,
            storyId,
            storyVersion: story.version,
            storyTitle: story.title,
            originCode: story.originCode,
            hubCode: story.hubCode,
            adopterCode: adopter,
            channel,
            adoptedBy: by.name,
            adoptedAt: now.toISOString(),
            points,
          });
        }
        out.push(
          this.view({
            adoption_id: adoptionId,
            story_id: storyId,
            story_version: story.version,
            story_title: story.title,
            origin_code: story.originCode,
            hub_code: story.hubCode,
            channel,
            adopted_by: by.name,
            adopted_at: now,
          }),
        );
      }
      this.logger.log({ msg: 'story adopted', center: adopter, storyId, origin: story.originCode, channels, by: by.userId });
      return out;
    });
  }

  async list(adopter: string, q: AdoptionsQuery): Promise<{ items: AdoptionView[]; nextCursor: string | null }> {
    const limit = q.limit ? Number(q.limit) : 50;
    const after = decodeCursor(q.cursor);
    const params: unknown[] = [adopter, limit + 1];
    let where = 'adopter_code = $1';
    if (q.storyId) where += ` AND story_id = $${params.push(q.storyId)}`;
    if (after) where += ` AND (adopted_at, adoption_id) < ($${params.push(after.at)}, $${params.push(after.id)})`;
    const rows: AdoptionRow[] = await this.dataSource.query(
      `SELECT * FROM adoptions WHERE ${where} ORDER BY adopted_at DESC, adoption_id DESC LIMIT $2`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map((r) => this.view(r)),
      nextCursor: rows.length > limit && last ? encodeCursor({ at: last.adopted_at.toISOString(), id: last.adoption_id }) : null,
    };
  }

  private view(r: AdoptionRow): AdoptionView {
    return {
      adoptionId: r.adoption_id,
      storyId: r.story_id,
      storyVersion: r.story_version,
      storyTitle: r.story_title,
      origin: { code: r.origin_code, name: this.nameOf(r.origin_code) },
      hub: { code: r.hub_code, name: this.nameOf(r.hub_code) },
      channel: r.channel,
      adoptedBy: r.adopted_by,
      adoptedAt: r.adopted_at.toISOString(),
    };
  }

  private nameOf(code: string) {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}
