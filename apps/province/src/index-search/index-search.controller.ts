import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@syn/auth';
import { storySearchOf } from '@syn/hub';
import { IndexSearchQuery } from './index-search.query';
import { IndexSearchService } from './index-search.service';

/** Registered before StoryIndexController, so that index/search is not read as index/:storyId. */
@ApiTags('provincial index (省级稿库)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/index')
export class IndexSearchController {
  constructor(private readonly search: IndexSearchService) {}

  @Get('search')
  @Roles('desk-editor', 'chief-editor', 'admin')
  @ApiOperation({
    summary: '省级检索: Chinese full text over every pool of the province, best first, highlighted (<mark>); filter by city, county, category, tag, time',
  })
  find(@Param('center') center: string, @Query() q: IndexSearchQuery) {
    return this.search.search(center, { ...storySearchOf(q), city: q.city });
  }
}
