import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@syn/auth';
import { StoryIndexQuery } from './story-index.dto';
import { StoryIndexService } from './story-index.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['storyId: must be a UUID'], fields: ['storyId'] }),
});

@ApiTags('provincial index (省级稿库)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/index')
export class StoryIndexController {
  constructor(private readonly index: StoryIndexService) {}

  @Get()
  @Roles('desk-editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'Stories pooled anywhere in the province, newest first; filter by city, county, category, time' })
  list(@Param('center') center: string, @Query() q: StoryIndexQuery) {
    return this.index.list(center, q);
  }

  @Get(':storyId')
  @Roles('desk-editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'Open one story: fetched in full from its hub over gRPC' })
  open(@Param('center') center: string, @Param('storyId', uuid) storyId: string) {
    return this.index.open(center, storyId);
  }
}
