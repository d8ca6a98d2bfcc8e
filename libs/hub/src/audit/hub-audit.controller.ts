import { BadRequestException, Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLog } from '@syn/audit';
import { Roles } from '@syn/auth';
import { PageQuery } from '@syn/persistence';
import { DataSource } from 'typeorm';
import { PoolStoryEntity } from '../pool/pool-story.entity';
import { SubmissionEntity } from '../review-queue/submission.entity';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['storyId: must be a UUID'], fields: ['storyId'] }),
});

/** The hub's audit trail of one story: submissions, claims, decisions, curator edits, recommendations, uses. */
@ApiTags('audit (审计)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center')
export class HubAuditController {
  constructor(
    private readonly audit: AuditLog,
    private readonly dataSource: DataSource,
  ) {}

  @Get('review-queue/:storyId/audit')
  @Roles('curator', 'desk-editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'Every state change of a queued story at this hub, newest first' })
  async queueItem(@Param('center') center: string, @Param('storyId', uuid) storyId: string, @Query() q: PageQuery) {
    if (!(await this.dataSource.getRepository(SubmissionEntity).existsBy({ storyId, hubCode: center }))) {
      throw new NotFoundException(`story ${storyId} is not in the review queue of ${center}`);
    }
    return this.audit.page(center, storyId, q);
  }

  @Get('pool/:storyId/audit')
  @Roles('curator', 'desk-editor', 'chief-editor', 'editor', 'admin')
  @ApiOperation({ summary: 'Every state change of a pooled story at this hub, newest first' })
  async pooled(@Param('center') center: string, @Param('storyId', uuid) storyId: string, @Query() q: PageQuery) {
    const page = await this.audit.page(center, storyId, q);
    // The trail outlives the copy: a withdrawn story's history (and its 请撤下) stays readable.
    if (page.items.length === 0 && !q.cursor && !(await this.dataSource.getRepository(PoolStoryEntity).existsBy({ storyId, hubCode: center }))) {
      throw new NotFoundException(`story ${storyId} is not in the pool of ${center}`);
    }
    return page;
  }
}
