import { StoryVersionLog } from '../story-versions/story-version-log';
import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { ConflictException, Injectable, Logger, UnprocessableEntityException } from '@nestjs/common';
import { actorOf, AuditLog, changedFields } from '@syn/audit';
import type { Principal } from '@syn/auth';
import { STORY_CORRECTED, STORY_WITHDRAWN, StoryCorrected, StoryWithdrawn } from '@syn/contracts';
import { contentHash } from '@syn/story';
import { DataSource, EntityManager } from 'typeorm';
import { CreateStoryDto } from '../stories/story.dto';
import { StoryEntity } from '../stories/story.entity';
import { StoryService, stripUndefined } from '../stories/story.service';
import { toSnapshot } from '../stories/story-snapshot.mapper';
import { CorrectStoryDto, WithdrawStoryDto } from './story-correction.dto';
import { DeliveryLedger, TreeTransport } from '@syn/messaging';

/**
 * 更正 and 撤稿 at the origin. Each makes a new version and, in the same transaction, sends it to
 * every center the delivery ledger says holds a copy; those pass it on and answer with receipts.
 */
@Injectable()
export class StoryCorrectionsService {
  private readonly logger = new Logger('StoryCorrections');

  constructor(
    private readonly dataSource: DataSource,
    private readonly stories: StoryService,
    private readonly ledger: DeliveryLedger,
    private readonly transport: TreeTransport,
    private readonly versions: StoryVersionLog,
    private readonly audit: AuditLog,
  ) {}

  async correct(center: string, id: string, by: Principal, dto: CorrectStoryDto): Promise<StoryEntity> {
    return this.dataSource.transaction(async (m) => {
      const story = await this.stories.lock(m, center, id);
      if (story.withdrawnAt)
        throw new StateConflict(API_ERROR_CODES.storyWithdrawn, `story ${id} of center ${center} was withdrawn; a withdrawn story cannot be corrected`);
      if (story.status !== 'accepted') {
        throw new ConflictException(
          `story ${id} of center ${center} is ${story.status}; only a story accepted into a pool is corrected (edit and submit it otherwise)`,
        );
      }
      const { note, ...changes } = dto;
      const before = { version: story.version, contentHash: story.contentHash, ...this.stories.contentOf(story) };
      const merged = this.stories.normalise(center, { ...this.stories.contentOf(story), ...stripUndefined(changes) } as CreateStoryDto);
      const hash = contentHash(merged);
      if (hash === story.contentHash) throw new UnprocessableEntityException(`correction of story ${id} changes nothing in its content`);
      const now = new Date();
      Object.assign(story, merged, {
        embargoUntil: merged.embargoUntil ? new Date(merged.embargoUntil) : null,
        version: story.version + 1,
        contentHash: hash,
        submittedVersion: story.version + 1,
        updatedAt: now,
      });
      await m.save(story);
      await this.versions.record(m, story, by, 'corrected', note ?? null);
      const after = { version: story.version, contentHash: story.contentHash, ...this.stories.contentOf(story) };
      const diff = changedFields(before, after, Object.keys(after) as Array<keyof typeof after>);
      await this.audit.record(m, {
        center,
        storyId: id,
        actor: actorOf(by),
        action: 'story.corrected',
        before: diff.before,
        after: { ...diff.after, note: note ?? null },
        at: now,
      });
      const payload: StoryCorrected = { story: toSnapshot(story), note, correctedBy: by.name, correctedAt: now.toISOString() };
      const to = await this.holders(m, story);
      for (const holder of to) {
        await this.transport.send(m, {
          type: STORY_CORRECTED,
          from: center,
          to: holder,
          payload,
          storyId: id,
          version: story.version,
          kind: 'correction',
          expectReceipt: true,
        });
      }
      this.logger.log({ msg: 'story corrected', center, storyId: id, version: story.version, sentTo: to, by: by.userId });
      return story;
    });
  }

  async withdraw(center: string, id: string, by: Principal, dto: WithdrawStoryDto): Promise<StoryEntity> {
    return this.dataSource.transaction(async (m) => {
      const story = await this.stories.lock(m, center, id);
      if (story.withdrawnAt)
        throw new StateConflict(API_ERROR_CODES.storyWithdrawn, `story ${id} of center ${center} was already withdrawn at ${story.withdrawnAt.toISOString()}`);
      const now = new Date();
      Object.assign(story, { version: story.version + 1, withdrawnAt: now, withdrawalReason: dto.reason, withdrawnBy: by.name, updatedAt: now });
      await m.save(story);
      await this.versions.record(m, story, by, 'withdrawn', dto.reason);
      const to = story.submittedVersion === null ? [] : await this.holders(m, story);
      const payload: StoryWithdrawn = {
        storyId: id,
        originCode: center,
        version: story.version,
        reason: dto.reason,
        withdrawnBy: by.name,
        withdrawnAt: now.toISOString(),
      };
      await this.audit.record(m, {
        center,
        storyId: id,
        actor: actorOf(by),
        action: 'story.withdrawn',
        before: { version: story.version - 1, status: story.status },
        after: { version: story.version, reason: dto.reason, sentTo: to },
        at: now,
      });
      for (const holder of to) {
        await this.transport.send(m, {
          type: STORY_WITHDRAWN,
          from: center,
          to: holder,
          payload,
          storyId: id,
          version: story.version,
          kind: 'withdrawal',
          expectReceipt: true,
        });
      }
      this.logger.log({ msg: 'story withdrawn', center, storyId: id, version: story.version, sentTo: to, by: by.userId });
      return story;
    });
  }

  /** The ledger knows every copy; stories submitted before it existed still name their parent. */
  private async holders(m: EntityManager, story: StoryEntity): Promise<string[]> {
    const holders = new Set((await this.ledger.holdersOf(m, story.centerCode, story.id)).map((h) => h.holder));
    if (story.submittedTo) holders.add(story.submittedTo);
    return [...holders].sort();
  }
}
