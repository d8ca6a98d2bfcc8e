import { BadRequestException, Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { storySearchOf } from '@syn/hub';
import { RepublishDto, RepublishedListQuery, SharedPoolQuery, SharedPoolSearchQuery } from './shared-pool.dto';
import { SharedPoolService } from './shared-pool.service';
import type { RepublishedStoryEntity } from './republished-story.entity';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['storyId: must be a UUID'], fields: ['storyId'] }),
});

const view = (r: RepublishedStoryEntity) => ({ ...r, republishedAt: r.republishedAt.toISOString() });

@ApiTags('shared pool (横向共享)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center')
export class SharedPoolController {
  constructor(private readonly shared: SharedPoolService) {}

  @Get('shared-pool')
  @Roles('reporter', 'editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'The parent hub’s pool (大稿库), newest first: what sibling centers wrote and the hub accepted' })
  list(@Param('center') center: string, @Query() q: SharedPoolQuery) {
    return this.shared.list(center, q);
  }

  // Before shared-pool/:storyId, which would otherwise take "search" for a story id.
  @Get('shared-pool/search')
  @Roles('reporter', 'editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: '大稿库检索: search the parent hub’s pool by 中文 words (over gRPC), best first, highlighted (<mark>)' })
  search(@Param('center') center: string, @Query() q: SharedPoolSearchQuery) {
    return this.shared.search(center, storySearchOf(q));
  }

  @Get('shared-pool/:storyId')
  @Roles('reporter', 'editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'One pooled story in full' })
  get(@Param('center') center: string, @Param('storyId', uuid) storyId: string) {
    return this.shared.get(center, storyId);
  }

  @Post('shared-pool/:storyId/republish')
  @Roles('editor', 'chief-editor')
  @ApiOperation({ summary: '转载: copy a sibling’s pooled story to one of this center’s channels, with attribution; its origin is told' })
  async republish(@Param('center') center: string, @Param('storyId', uuid) storyId: string, @Body() dto: RepublishDto, @CurrentPrincipal() p: Principal) {
    return view(await this.shared.republish(center, storyId, dto.channel, p));
  }

  @Get('republished')
  @Roles('reporter', 'editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'Stories this center republished from its pool, newest first' })
  async republished(@Param('center') center: string, @Query() q: RepublishedListQuery) {
    const page = await this.shared.listRepublished(center, q);
    return { items: page.items.map(view), nextCursor: page.nextCursor };
  }
}
