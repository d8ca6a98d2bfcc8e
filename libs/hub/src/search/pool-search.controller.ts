import { BadRequestException, Controller, ForbiddenException, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { accessRuleFor, CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { PoolSearchQuery } from './pool-search.query';
import { PoolSearchService } from './pool-search.service';
import { storySearchOf } from './story-search.query';

/** Registered before PoolController, so that pool/search is not read as pool/:storyId. */
@ApiTags('pool (大稿库)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/pool')
export class PoolSearchController {
  constructor(private readonly search: PoolSearchService) {}

  @Get('search')
  @Roles('curator', 'desk-editor', 'chief-editor', 'editor', 'admin')
  @ApiOperation({ summary: '大稿库检索: Chinese full text by words, best first, highlighted (<mark>), keyset-paged; scope=queue searches the review queue' })
  find(@Param('center') center: string, @Query() q: PoolSearchQuery, @CurrentPrincipal() p: Principal) {
    if ((q.scope ?? 'pool') === 'pool') {
      if (q.status !== undefined)
        throw new BadRequestException({ statusCode: 400, message: ['status: only with scope=queue (the pool holds accepted stories)'], fields: ['status'] });
      return this.search.searchPool(center, storySearchOf(q));
    }
    // The queue is for those who may read the review queue, not for everyone who may read the pool.
    const queueReaders = accessRuleFor('GET', '/api/v1/centers/:center/review-queue')?.roles ?? [];
    if (!queueReaders.includes(p.role)) throw new ForbiddenException(`role ${p.role} may not search the review queue of ${center}`);
    return this.search.searchQueue(center, storySearchOf(q), q.status ?? 'pending');
  }
}
