import { BadRequestException, Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { IssueTopicDto, TopicsQuery } from './topic.dto';
import { TopicsService } from './topics.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['topicId: must be a UUID'], fields: ['topicId'] }),
});

@ApiTags('topics (选题)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/topics')
export class TopicsController {
  constructor(private readonly topics: TopicsService) {}

  @Post()
  @Roles('desk-editor', 'chief-editor', 'curator', 'admin')
  @ApiOperation({ summary: '下达选题: issue a topic to all or selected centers below' })
  issue(@Param('center') center: string, @Body() dto: IssueTopicDto, @CurrentPrincipal() p: Principal) {
    return this.topics.issue(center, dto, p);
  }

  @Get()
  @Roles('desk-editor', 'chief-editor', 'curator', 'admin')
  @ApiOperation({ summary: 'Topics this center issued, newest first, with each target’s answer status' })
  list(@Param('center') center: string, @Query() q: TopicsQuery) {
    return this.topics.list(center, q);
  }

  @Get(':topicId')
  @Roles('desk-editor', 'chief-editor', 'curator', 'admin')
  @ApiOperation({ summary: 'One topic: for each target whether it answered, when, and whether late' })
  get(@Param('center') center: string, @Param('topicId', uuid) topicId: string) {
    return this.topics.get(center, topicId);
  }
}
