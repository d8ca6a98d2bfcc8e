import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { BadRequestException, Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { Principal } from '@syn/auth';
import { STORY_LIMITS } from '@syn/contracts';
import { contentHash } from '@syn/story';
import { DataSource, In } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { ClaimService } from '../claims/claim.service';
import { PoolStoryEditEntity } from '../curation/pool-story-edit.entity';
import { poolRowFromSnapshot, snapshotFromPoolRow } from '../pool/pool-story.mapper';
import type { PoolStoryEntity } from '../pool/pool-story.entity';
import { ReviewQueueService } from '../review-queue/review-queue.service';
import { SubmissionEntity } from '../review-queue/submission.entity';
import { FamilyMergeDto } from './family-merge.dto';
import { mergedCredits } from './merged-credits';
import { StoryFamilyService } from './story-family.service';

/**
 * 合并同题稿件: the curator folds pending near-duplicates into one of them. That one is accepted
 * into the pool as a hub edition (edition 1) crediting every member's authors and bylines; each
 * other member is decided 退稿 with the reason 已合并到《…》, so every origin hears what became of
 * its story through the ReviewDecided it already understands (no new decision kind on the wire).
 */
@Injectable()
export class FamilyMergeService {
  private readonly logger = new Logger('FamilyMerge');

  constructor(
    private readonly dataSource: DataSource,
    private readonly queue: ReviewQueueService,
    private readonly claims: ClaimService,
    private readonly families: StoryFamilyService,
  ) {}

  async merge(hub: string, storyId: string, dto: FamilyMergeDto, by: Principal) {
    const memberIds = [...new Set(dto.members)];
    if (memberIds.includes(storyId)) {
      throw new BadRequestException({
        statusCode: 400,
        message: [`members: must not include ${storyId}, the story the others are merged into`],
        fields: ['members'],
      });
    }
    return this.dataSource.transaction(async (m) => {
      const all = [storyId, ...memberIds];
      const subs = await m
        .getRepository(SubmissionEntity)
        .find({ where: { storyId: In(all), hubCode: hub }, order: { storyId: 'ASC' }, lock: { mode: 'pessimistic_write' } });
      const byId = new Map(subs.map((s) => [s.storyId, s]));
      const missing = all.filter((id) => !byId.has(id));
      if (missing.length > 0) throw new NotFoundException(`stories ${missing.join(', ')} are not in the review queue of ${hub}`);
      const now = new Date();
      for (const s of subs) {
        if (s.status !== 'pending')
          throw new StateConflict(
            API_ERROR_CODES.alreadyDecided,
            `story ${s.storyId} v${s.version} was already ${s.status} at ${hub} by ${s.decidedBy}; only pending stories can be merged`,
          );
        this.claims.assertFree(s, by, now);
      }
      const familyOf = await this.families.familyIds(m, hub, all);
      const family = familyOf.get(storyId);
      const strangers = memberIds.filter((id) => !family || familyOf.get(id) !== family);
      if (strangers.length > 0) {
        throw new UnprocessableEntityException(`stories ${strangers.join(', ')} are not near-duplicates of ${storyId} at ${hub} (not in its family)`);
      }

      const primary = byId.get(storyId)!;
      const members = memberIds.map((id) => byId.get(id)!);
      const credits = mergedCredits([primary, ...members].map((s) => s.snapshot));
      const byline = dto.byline?.trim() || credits.byline;
      if (byline.length > STORY_LIMITS.bylineChars) {
        throw new UnprocessableEntityException(
          `the members' bylines together are ${byline.length} characters, more than ${STORY_LIMITS.bylineChars}: give a byline for the merged story ${storyId}`,
        );
      }
      if (credits.authors.length > STORY_LIMITS.authors) {
        throw new UnprocessableEntityException(
          `the members credit ${credits.authors.length} authors, more than ${STORY_LIMITS.authors} a story may carry (story ${storyId} at ${hub})`,
        );
      }
      const row = poolRowFromSnapshot(primary.snapshot, hub, by.name, now);
      const before = { title: row.title, summary: row.summary, byline: row.byline, authors: row.authors };
      // The hub's edition of the origin's version: original_* keep the origin's text, as for a curator edit.
      Object.assign(row, {
        title: dto.title?.trim() || row.title,
        summary: dto.summary !== undefined ? dto.summary.trim() || null : row.summary,
        byline,
        authors: credits.authors,
        edition: 1,
        editedBy: by.name,
        editedAt: now,
        updatedAt: now,
      });
      const story = snapshotFromPoolRow(row as PoolStoryEntity);
      story.contentHash = row.contentHash = contentHash(story);
      // The snapshot keeps the fields the pool row does not hold (topic).
      const pooledStory = { ...primary.snapshot, ...story };

      const reason = `已合并到《${row.title}》`;
      const decided = [
        await this.queue.record(m, primary, 'accepted', null, by, now, {
          action: 'review.merged',
          auditAfter: { mergedFrom: memberIds },
          pooled: { row, story: pooledStory },
        }),
      ];
      for (const s of members)
        decided.push(await this.queue.record(m, s, 'rejected', reason, by, now, { auditAfter: { mergedInto: storyId }, mergedInto: storyId }));
      await m.getRepository(PoolStoryEditEntity).save({
        id: uuidv7(),
        hubCode: hub,
        storyId,
        version: row.version,
        edition: row.edition,
        before,
        after: { title: row.title, summary: row.summary, byline: row.byline, authors: row.authors, mergedFrom: memberIds },
        editedBy: by.userId,
        editedByName: by.name,
        editedAt: now,
      } as PoolStoryEditEntity);
      await this.families.markMerged(m, hub, memberIds, storyId);
      this.logger.log({ msg: 'family merged', hub, storyId, members: memberIds, familyId: family, by: by.userId });
      return { storyId, familyId: family, title: row.title, byline: row.byline, authors: row.authors, edition: row.edition, decisions: decided };
    });
  }
}
