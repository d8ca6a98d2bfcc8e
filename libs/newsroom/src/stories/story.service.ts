import { BadRequestException, ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { Principal } from '@syn/auth';
import { STORY_SUBMITTED, StoryContent, StorySubmitted } from '@syn/contracts';
import { OutboxWriter } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { decodeCursor, encodeCursor } from '@syn/persistence';
import { contentHash, sanitizeBody } from '@syn/story';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CreateStoryDto, ListStoriesQuery, UpdateStoryDto } from './story.dto';
import { StoryEntity } from './story.entity';
import { toSnapshot } from './story-snapshot.mapper';
import { STORY_COLUMNS, storyFromRow, storyRowValues } from './story.row';

/** States in which the origin may still change its text without a formal correction. */
const EDITABLE = new Set(['draft', 'returned', 'rejected']);

@Injectable()
export class StoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly directory: CenterDirectory,
  ) {}

  async create(center: string, by: Principal, dto: CreateStoryDto): Promise<StoryEntity> {
    const now = new Date();
    const content = this.normalise(center, dto);
    const story: StoryEntity = {
      ...content,
      summary: content.summary ?? null,
      embargoUntil: content.embargoUntil ? new Date(content.embargoUntil) : null,
      id: uuidv7(),
      centerCode: center,
      version: 1,
      status: 'draft',
      contentHash: contentHash(content),
      submittedVersion: null,
      submittedTo: null,
      submittedAt: null,
      decisionReason: null,
      decidedBy: null,
      decidedAt: null,
      createdBy: by.userId,
      createdAt: now,
      updatedAt: now,
    };
    // Plain INSERT: the repository's save() would first SELECT by the (new) id to choose insert or update.
    await this.dataSource.query(
      `INSERT INTO stories (${STORY_COLUMNS.join(', ')}) VALUES (${STORY_COLUMNS.map((_, i) => `$${i + 1}`).join(', ')})`,
      storyRowValues(story),
    );
    return story;
  }

  async update(center: string, id: string, dto: UpdateStoryDto): Promise<StoryEntity> {
    return this.dataSource.transaction(async (m) => {
      const story = await this.lock(m, center, id);
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
      const now = new Date();
      // The UPDATE locks the row and checks the state in one round trip; only a refusal reads it again to say why.
      // TypeORM answers an UPDATE with [rows, rowCount].
      const [rows]: [Array<Record<string, unknown>>, number] = await m.query(
        `UPDATE stories SET status = 'submitted', submitted_version = version, submitted_to = $3, submitted_at = $4,
           decision_reason = NULL, decided_by = NULL, decided_at = NULL, updated_at = $4
         WHERE id = $1 AND center_code = $2 AND status <> 'accepted' AND NOT (status = 'submitted' AND submitted_version = version)
         RETURNING *`,
        [id, center, parent.code, now],
      );
      if (rows.length === 0) {
        const story = await this.lock(m, center, id);
        if (story.status === 'accepted') throw new ConflictException(`story ${id} is already in the pool of ${story.submittedTo}`);
        throw new ConflictException(`story ${id} version ${story.version} is already awaiting review at ${story.submittedTo}`);
      }
      const story = storyFromRow(rows[0]);
      await this.outbox.append<StorySubmitted>(m, {
        type: STORY_SUBMITTED,
        parent: parent.code,
        child: center,
        payload: { story: toSnapshot(story), submittedBy: by.name, submittedAt: now.toISOString() },
      });
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
    if (after) qb.andWhere('(s.updated_at, s.id) < (:at, :id)', { at: after.at, id: after.id });
    const rows = await qb.getMany();
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? encodeCursor({ at: last.updatedAt.toISOString(), id: last.id }) : null };
  }

  private async lock(m: EntityManager, center: string, id: string): Promise<StoryEntity> {
    const story = await m.getRepository(StoryEntity).findOne({ where: { id, centerCode: center }, lock: { mode: 'pessimistic_write' } });
    if (!story) throw new NotFoundException(`story ${id} not found at center ${center}`);
    return story;
  }

  private contentOf(s: StoryEntity): StoryContent {
    return { ...toSnapshot(s) };
  }

  private normalise(center: string, dto: CreateStoryDto): StoryContent {
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

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
