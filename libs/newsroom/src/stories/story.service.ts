import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { Injectable, NotFoundException } from '@nestjs/common';
import { actorOf, AuditLog, changedFields } from '@syn/audit';
import { Principal } from '@syn/auth';
import { StoryContent } from '@syn/contracts';
import { keysetPage, Page, pageLimit } from '@syn/persistence';
import { contentHash } from '@syn/story';
import { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CountyReviewService, SignedStory } from '../county-review/county-review.service';
import { lockStory } from './story-lock';
import { normaliseStory } from './normalise-story';
import { CreateStoryDto, ListStoriesQuery, UpdateStoryDto } from './story.dto';
import { StoryEntity } from './story.entity';
import { toSnapshot } from './story-snapshot.mapper';
import { assertNotWithdrawn } from './story-guards';
import { TopicInboxService } from '../topic-inbox/topic-inbox.service';
import { StoryVersionLog } from '../story-versions/story-version-log';

/** States in which the origin may still change its text without a formal correction. */
const EDITABLE = new Set(['draft', 'returned', 'rejected']);

@Injectable()
export class StoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly review: CountyReviewService,
    private readonly audit: AuditLog,
    private readonly topics: TopicInboxService,
    private readonly versions: StoryVersionLog,
  ) {}

  async create(center: string, by: Principal, dto: CreateStoryDto): Promise<StoryEntity> {
    const now = new Date();
    const content = this.normalise(center, dto);
    if (dto.topicId) await this.topics.assertAnswerable(this.dataSource.manager, center, dto.topicId);
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
      topicId: dto.topicId ?? null,
      reviewStage: 'none',
      reviewSignoffs: [],
      sentBackReason: null,
      holderId: by.userId,
      holderName: by.name,
      createdBy: by.userId,
      createdAt: now,
      updatedAt: now,
    });
    return this.dataSource.transaction(async (m) => {
      await m.save(story);
      await this.versions.record(m, story, by, 'created');
      await this.audit.record(m, {
        center,
        storyId: story.id,
        actor: actorOf(by),
        action: 'story.created',
        after: { version: 1, status: 'draft', title: story.title },
        at: now,
      });
      return story;
    });
  }

  /** A change of content is a new version, and a new version needs its own review: sign-offs start over. */
  async update(center: string, id: string, dto: UpdateStoryDto, by: Principal): Promise<StoryEntity> {
    return this.dataSource.transaction(async (m) => {
      const story = await this.lock(m, center, id);
      assertNotWithdrawn(story);
      if (!EDITABLE.has(story.status)) {
        throw new StateConflict(
          API_ERROR_CODES.storyNotEditable,
          `story ${id} of center ${center} is ${story.status}; it can be edited only as a draft or after it was sent back`,
        );
      }
      const merged = this.normalise(center, { ...this.contentOf(story), ...stripUndefined(dto) } as CreateStoryDto);
      const hash = contentHash(merged);
      const topicChanged = dto.topicId !== undefined && dto.topicId !== story.topicId;
      if (topicChanged) {
        await this.topics.assertAnswerable(m, center, dto.topicId!);
        story.topicId = dto.topicId!;
      }
      if (hash === story.contentHash) return topicChanged ? m.save(story) : story;
      const before = { ...this.contentOf(story), version: story.version, reviewStage: story.reviewStage };
      const now = new Date();
      Object.assign(story, merged, {
        embargoUntil: merged.embargoUntil ? new Date(merged.embargoUntil) : null,
        version: story.version + 1,
        contentHash: hash,
        reviewStage: 'none',
        reviewSignoffs: [],
        holderId: by.userId,
        holderName: by.name,
        updatedAt: now,
      });
      await m.save(story);
      await this.versions.record(m, story, by, 'edited');
      const after = { ...this.contentOf(story), version: story.version, reviewStage: story.reviewStage };
      const diff = changedFields<Record<string, unknown>>(before, after, Object.keys(after));
      await this.audit.record(m, { center, storyId: id, actor: actorOf(by), action: 'story.edited', ...diff, at: now });
      return story;
    });
  }

  /**
   * 上报 is the last step of the county's review (终审): the caller signs it, and only if every
   * earlier step of the center's policy has passed does the story go upstream.
   */
  submit(center: string, id: string, by: Principal): Promise<SignedStory> {
    return this.review.sign(center, id, by, 'final');
  }

  async get(center: string, id: string): Promise<StoryEntity> {
    const story = await this.dataSource.getRepository(StoryEntity).findOneBy({ id, centerCode: center });
    if (!story) throw new NotFoundException(`story ${id} not found at center ${center}`);
    return story;
  }

  list(center: string, q: ListStoriesQuery): Promise<Page<StoryEntity>> {
    const qb = this.dataSource.getRepository(StoryEntity).createQueryBuilder('s').where('s.center_code = :center', { center });
    if (q.status) qb.andWhere('s.status = :status', { status: q.status });
    if ((q.withdrawn ?? 'exclude') === 'exclude') qb.andWhere('s.withdrawn_at IS NULL');
    else if (q.withdrawn === 'only') qb.andWhere('s.withdrawn_at IS NOT NULL');
    return keysetPage(qb, { at: 's.updated_at', id: 's.id', limit: pageLimit(q), cursor: q.cursor, position: (s) => ({ at: s.updatedAt, id: s.id }) });
  }

  lock(m: EntityManager, center: string, id: string): Promise<StoryEntity> {
    return lockStory(m, center, id);
  }

  contentOf(s: StoryEntity): StoryContent {
    return { ...toSnapshot(s) };
  }

  normalise(center: string, dto: CreateStoryDto): StoryContent {
    return normaliseStory(center, dto);
  }
}

export function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
