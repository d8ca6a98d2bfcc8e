import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { ConflictException, ForbiddenException, Inject, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { actorOf, AuditLog } from '@syn/audit';
import type { Principal } from '@syn/auth';
import { STORY_ADOPTED } from '@syn/contracts';
import { CenterDirectory } from '@syn/network';
import { decodeCursor, encodeCursor } from '@syn/persistence';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { LedgerService } from '../ledger/ledger.service';
import { ADOPTABLE_STORIES } from './adoptable-story-source';
import type { AdoptableStorySource } from './adoptable-story-source';
import { ADOPTION_POINTS } from './adoption-points-source';
import type { AdoptionPointsSource } from './adoption-points-source';
import { AdoptionsQuery } from './adoption.dto';
import { DeliveryLedger, TreeTransport } from '@syn/messaging';

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
  /** 请撤下: set when the story was withdrawn; the desk must take it off this channel. */
  takedown: { requestedAt: string; reason: string | null; doneAt: string | null; doneBy: string | null } | null;
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
  takedown_requested_at: Date | null;
  takedown_reason: string | null;
  taken_down_at: Date | null;
  taken_down_by: string | null;
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
    private readonly transport: TreeTransport,
    @Inject(ADOPTABLE_STORIES) private readonly stories: AdoptableStorySource,
    @Inject(ADOPTION_POINTS) private readonly points: AdoptionPointsSource,
    private readonly deliveries: DeliveryLedger,
    private readonly audit: AuditLog,
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
      const hop = this.directory.nextHopDown(adopter, story.originCode);
      const points = await this.points.pointsFor(m, adopter, level);
      const out: AdoptionView[] = [];
      for (const channel of channels) {
        const adoptionId = uuidv7();
        await m.query(
          `INSERT INTO adoptions (adoption_id, adopter_code, story_id, story_version, story_title, origin_code, hub_code, channel, adopted_by, adopted_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)`,
          [adoptionId, adopter, storyId, story.version, story.title, story.originCode, story.hubCode, channel, by.name, now],
        );
        await this.audit.record(m, {
          center: adopter,
          storyId,
          actor: actorOf(by),
          action: 'adoption.adopted',
          before: null,
          after: { adoptionId, channel, version: story.version, originCode: story.originCode },
          at: now,
        });
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
          await this.transport.down(m, { kind: 'adoption', id: adoptionId }, adopter, hop, STORY_ADOPTED, {
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
            takedown_requested_at: null,
            takedown_reason: null,
            taken_down_at: null,
            taken_down_by: null,
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
    if (q.takedown === 'pending') where += ' AND takedown_requested_at IS NOT NULL AND taken_down_at IS NULL';
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

  /**
   * 已撤下: an editor confirms the withdrawn story is off every channel this desk adopted it for.
   * That is the receipt of the 请撤下 request: the ledger row the takedown left pending is confirmed.
   */
  async confirmTakenDown(adopter: string, storyId: string, by: Principal): Promise<AdoptionView[]> {
    return this.dataSource.transaction(async (m) => {
      const rows: AdoptionRow[] = await m.query(`SELECT * FROM adoptions WHERE adopter_code = $1 AND story_id = $2 ORDER BY adopted_at FOR UPDATE`, [
        adopter,
        storyId,
      ]);
      if (rows.length === 0) throw new NotFoundException(`story ${storyId} was never adopted by center ${adopter}`);
      const asked = rows.filter((r) => r.takedown_requested_at);
      if (asked.length === 0) throw new UnprocessableEntityException(`story ${storyId} adopted by ${adopter} was not withdrawn; there is nothing to take down`);
      const open = asked.filter((r) => !r.taken_down_at);
      if (open.length === 0) throw new ConflictException(`story ${storyId} was already confirmed taken down at ${adopter} by ${asked[0].taken_down_by}`);
      const now = new Date();
      await m.query(
        `UPDATE adoptions SET taken_down_at = $3, taken_down_by = $4 WHERE adopter_code = $1 AND story_id = $2 AND takedown_requested_at IS NOT NULL`,
        [adopter, storyId, now, by.name],
      );
      const held = (await this.deliveries.holdersOf(m, adopter, storyId)).find((h) => h.holder === adopter);
      await this.deliveries.confirm(m, {
        sender: adopter,
        holder: adopter,
        storyId,
        version: held?.version ?? 0,
        kind: 'withdrawal',
        outcome: 'applied',
        via: null,
      });
      await this.audit.record(m, {
        center: adopter,
        storyId,
        actor: actorOf(by),
        action: 'adoption.taken-down',
        before: { channels: open.map((r) => r.channel) },
        after: { takenDownAt: now.toISOString() },
        at: now,
      });
      this.logger.log({ msg: 'adopted story taken off its channels', center: adopter, storyId, channels: open.map((r) => r.channel), by: by.userId });
      return rows.map((r) =>
        this.view(r.takedown_requested_at ? { ...r, taken_down_at: r.taken_down_at ?? now, taken_down_by: r.taken_down_by ?? by.name } : r),
      );
    });
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
      takedown: r.takedown_requested_at
        ? {
            requestedAt: r.takedown_requested_at.toISOString(),
            reason: r.takedown_reason,
            doneAt: r.taken_down_at?.toISOString() ?? null,
            doneBy: r.taken_down_by,
          }
        : null,
    };
  }

  private nameOf(code: string) {
    return this.directory.has(code) ? this.directory.get(code).name : code;
  }
}
