import { API_ERROR_CODES, StateConflict } from '@syn/api-errors';
import { Injectable, Logger, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { actorOf, AuditLog } from '@syn/audit';
import type { Principal } from '@syn/auth';
import { STORY_RECOMMENDED } from '@syn/contracts';
import { OutboxWriter } from '@syn/messaging';
import { CenterDirectory } from '@syn/network';
import { DataSource } from 'typeorm';
import { PoolStoryEntity } from '../pool/pool-story.entity';

/** 推荐: a hub points its parent at one of its pooled stories, once, with a note. */
@Injectable()
export class RecommendationService {
  private readonly logger = new Logger('Recommendation');

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    private readonly directory: CenterDirectory,
    private readonly audit: AuditLog,
  ) {}

  async recommend(hub: string, storyId: string, note: string, by: Principal): Promise<PoolStoryEntity> {
    const parent = this.directory.parentOf(hub);
    if (!parent) throw new UnprocessableEntityException(`center ${hub} has no parent to recommend story ${storyId} to`);
    return this.dataSource.transaction(async (m) => {
      const row = await m.getRepository(PoolStoryEntity).findOne({ where: { storyId, hubCode: hub }, lock: { mode: 'pessimistic_write' } });
      if (!row) throw new NotFoundException(`story ${storyId} is not in the pool of ${hub}`);
      if (row.recommendedAt)
        throw new StateConflict(
          API_ERROR_CODES.alreadyRecommended,
          `story ${storyId} was already recommended to ${parent.code} by ${row.recommendedBy} at ${row.recommendedAt.toISOString()}`,
        );
      const now = new Date();
      Object.assign(row, { recommendedAt: now, recommendedBy: by.name, recommendNote: note.trim() });
      await m.save(row);
      await this.outbox.append(m, {
        type: STORY_RECOMMENDED,
        parent: parent.code,
        child: hub,
        payload: { storyId, hubCode: hub, note: note.trim(), recommendedBy: by.name, recommendedAt: now.toISOString() },
      });
      await this.audit.record(m, {
        center: hub,
        storyId,
        actor: actorOf(by),
        action: 'pool.recommended',
        before: { recommended: false },
        after: { recommended: true, to: parent.code, note: note.trim() },
        at: now,
      });
      this.logger.log({ msg: 'story recommended', hub, storyId, to: parent.code, by: by.userId });
      return row;
    });
  }
}
