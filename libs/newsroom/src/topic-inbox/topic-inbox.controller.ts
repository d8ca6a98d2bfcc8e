import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { TopicInboxService } from './topic-inbox.service';

export class InboxQuery {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @ApiPropertyOptional()
  cursor?: string;

  @IsOptional()
  @Matches(/^([1-9]|[1-9]\d|1\d\d|200)$/, { message: 'limit must be 1..200' })
  @ApiPropertyOptional({ default: '50' })
  limit?: string;
}

@ApiTags('topic inbox (选题)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/topic-inbox')
export class TopicInboxController {
  constructor(private readonly inbox: TopicInboxService) {}

  @Get()
  @ApiOperation({ summary: 'Topics received from above, newest first; answer one by writing a story with its topicId' })
  list(@Param('center') center: string, @Query() q: InboxQuery) {
    return this.inbox.list(center, q);
  }
}
