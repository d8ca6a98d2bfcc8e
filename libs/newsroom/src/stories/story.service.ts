import { BadRequestException, ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { Principal } from '@syn/auth';
import { STORY_SUBMITTED, StoryContent, StorySubmitted } from '@syn/contracts';
import { DeliveryLedger } from '@syn/delivery';
import { OutboxWriter } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { decodeCursor, encodeCursor } from '@syn/persistence';
import { contentHash, sanitizeBody } from '@syn/story';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CreateStoryDto, ListStoriesQuery, UpdateStoryDto } from './story.dto';
import { StoryEntity } from './story.entity';
import { toSnapshot } from './story-snapshot.mapper';

/** States in which the origin may still change its text without a formal correction. */
const EDITABLE = new Set(['draft', 'returned', 'rejected']);

@Injectable()
export class StoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly directory: CenterDirectory,
    private readonly ledger: DeliveryLedger,
  ) {}

  async create(center: string, by: Principal, dto: CreateStoryDto): Promise<StoryEntity> {
    const now = new Date();
    const content = this.normalise(center, dto);
    const story = this.dataSource.getRepository(StoryEntity).create({
      ...content,
      embargoUntil: content.embargoUntil ? new Date(content.embargoUntil) : null,
      id: uuidv7(),
      centerCode: center,
      version: 1,
      status: 'draft',
      contentHash: contentHash(content),
      submittedVersion: null,
      submittedTo: null,
      submittedAt: null,
      withdrawnAt: null,
      withdrawalReason: null,
      withdrawnBy: null,
      decisionReason: null,
      decidedBy: null,
      decidedAt: null,
      createdBy: by.userId,
      createdAt: now,
      updatedAt: now,
    });
    return this.dataSource.getRepository(StoryEntity).save(story);
  }

  async update(center: string, id: string, dto: UpdateStoryDto): Promise<StoryEntity> {
    return this.dataSource.transaction(async (m) => {
      const story = await this.lock(m, center, id);
      assertNotWithdrawn(story);
      if (!EDITABLE.has(story.status)) {
        throw new ConflictException(`story ${id} of center ${center} is ${story.status}; it can be edited only as a draft or after it was sent back`);
      }
      const merged = this.normalise(center, { ...this.contentOf(story), ...stripUndefined(dto) } as CreateStoryDto);
      const hash = contentHash(merged);
      if (hash === story.contentHash) return story;
      Object.assign(story, merged, {
        embargoUntil: merged.embargoUntil ? new Date(merged.embargoUntil) : null,
        version: story.version + 1,
        contentHash: hash,
        updatedAt: new Date(),
      });
      return m.save(story);
    });
  }

  /** 上报: the current version goes to the parent's review queue, through the outbox. */
  async submit(center: string, id: string, by: Principal): Promise<StoryEntity> {
    const parent = this.directory.parentOf(center);
    if (!parent) throw new UnprocessableEntityException(`center ${center} has no parent to submit to`);
    return this.dataSource.transaction(async (m) => {
      const story = await this.lock(m, center, id);
      assertNotWithdrawn(story);
      if (story.status === 'submitted' && story.submittedVersion === story.version) {
        throw new ConflictException(`story ${id} version ${story.version} is already awaiting review at ${story.submittedTo}`);
      }
      if (story.status === 'accepted') throw new ConflictException(`story ${id} is already in the pool of ${story.submittedTo}`);
      const now = new Date();
      Object.assign(story, { status: 'submitted', submittedVersion: story.version, submittedTo: parent.code, submittedAt: now, decisionReason: null, decidedBy: null, decidedAt: null, updatedAt: now });
      await m.save(story);
      const sent = await this.outbox.append<StorySubmitted>(m, {
        type: STORY_SUBMITTED,
        parent: parent.code,
        child: center,
        payload: { story: toSnapshot(story), submittedBy: by.name, submittedAt: now.toISOString() },
      });
      await this.ledger.record(m, { sender: center, holder: parent.code, storyId: id, version: story.version, kind: 'delivery', eventId: sent.id });
      return story;
    });
  }

  async get(center: string, id: string): Promise<StoryEntity> {
    const story = await this.dataSource.getRepository(StoryEntity).findOneBy({ id, centerCode: center });
    if (!story) throw new NotFoundException(`story ${id} not found at center ${center}`);
    return story;
  }

  async list(center: string, q: ListStoriesQuery): Promise<{ items: StoryEntity[]; nextCursor: string | null }> {
    const limit = q.limit ? Number(q.limit) : 50;
    const after = decodeCursor(q.cursor);
    const qb = this.dataSource
      .getRepository(StoryEntity)
      .createQueryBuilder('s')
      .where('s.center_code = :center', { center })
      .orderBy('s.updated_at', 'DESC')
      .addOrderBy('s.id', 'DESC')
      .limit(limit + 1);
    if (q.status) qb.andWhere('s.status = :status', { status: q.status });
    if ((q.withdrawn ?? 'exclude') === 'exclude') qb.andWhere('s.withdrawn_at IS NULL');
    else if (q.withdrawn === 'only') qb.andWhere('s.withdrawn_at IS NOT NULL');
    if (after) qb.andWhere('(s.updated_at, s.id) < (:at, :id)', { at: after.at, id: after.id });
    const rows = await qb.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.updatedAt.toISOString(), id: last.id }) : null };
  }

  async lock(m: EntityManager, center: string, id: string): Promise<StoryEntity> {
    const story = await m.getRepository(StoryEntity).findOne({ where: { id, centerCode: center }, lock: { mode: 'pessimistic_write' } });
    if (!story) throw new NotFoundException(`story ${id} not found at center ${center}`);
    return story;
  }

  contentOf(s: StoryEntity): StoryContent {
    return { ...toSnapshot(s) };
  }

  normalise(center: string, dto: CreateStoryDto): StoryContent {
    const body = sanitizeBody(dto.body);
    if (!body) throw new BadRequestException({ statusCode: 400, message: ['body: nothing left after removing unsafe HTML'], fields: ['body'] });
    return {
      title: dto.title.trim(),
      summary: dto.summary?.trim() || null,
      body,
      byline: dto.byline.trim(),
      authors: (dto.authors ?? []).map((a) => ({ name: a.name.trim(), ...(a.role ? { role: a.role } : {}) })),
      category: dto.category.trim(),
      tags: [...new Set((dto.tags ?? []).map((t) => t.trim()).filter(Boolean))],
      regionCode: dto.regionCode ?? center,
      mediaRefs: (dto.mediaRefs ?? []).map((r) => ({ url: r.url, kind: r.kind, ...(r.caption ? { caption: r.caption } : {}) })),
      priority: dto.priority ?? 'normal',
      embargoUntil: dto.embargoUntil ? new Date(dto.embargoUntil).toISOString() : null,
    };
  }
}

function assertNotWithdrawn(s: StoryEntity): void {
  if (s.withdrawnAt) throw new ConflictException(`story ${s.id} of center ${s.centerCode} was withdrawn (撤稿) and can no longer change`);
}

export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
