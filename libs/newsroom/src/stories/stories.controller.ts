import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@syn/auth';
import { CreateStoryDto, ListStoriesQuery, StoryView, UpdateStoryDto } from './story.dto';
import { StoryService } from './story.service';
import { toView } from './story.view';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['id: must be a UUID'], fields: ['id'] }) });

@ApiTags('stories (稿件)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/stories')
export class StoriesController {
  constructor(private readonly stories: StoryService) {}

  @Post()
  @Roles('reporter', 'editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'Write a story (draft)' })
  @ApiCreatedResponse({ type: StoryView })
  async create(@Param('center') center: string, @CurrentPrincipal() p: Principal, @Body() dto: CreateStoryDto) {
    return toView(await this.stories.create(center, p, dto));
  }

  @Get()
  @ApiOperation({ summary: 'This center’s stories, most recently changed first, with status and reason' })
  async list(@Param('center') center: string, @Query() q: ListStoriesQuery) {
    const page = await this.stories.list(center, q);
    return { items: page.items.map(toView), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOkResponse({ type: StoryView })
  async get(@Param('center') center: string, @Param('id', uuid) id: string) {
    return toView(await this.stories.get(center, id));
  }

  @Patch(':id')
  @Roles('reporter', 'editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'Edit a draft or a story sent back; each change makes a new version' })
  @ApiOkResponse({ type: StoryView })
  async update(@Param('center') center: string, @Param('id', uuid) id: string, @Body() dto: UpdateStoryDto) {
    return toView(await this.stories.update(center, id, dto));
  }

  @Post(':id/submit')
  @HttpCode(202)
  @Roles('editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: '上报: send the current version to the parent center’s review queue' })
  @ApiOkResponse({ type: StoryView })
  async submit(@Param('center') center: string, @Param('id', uuid) id: string, @CurrentPrincipal() p: Principal) {
    return toView(await this.stories.submit(center, id, p));
  }
}
