import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RateLimited, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { CreateStoryDto, ListStoriesQuery, StoryView, UpdateStoryDto } from './story.dto';
import { StoryService } from './story.service';
import { AdoptionFeedbackService } from '../adoption-feedback/adoption-feedback.service';
import { StoryViewer } from './story-viewer';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['id: must be a UUID'], fields: ['id'] }) });

@ApiTags('stories (稿件)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/stories')
export class StoriesController {
  constructor(
    private readonly stories: StoryService,
    private readonly viewer: StoryViewer,
    private readonly adoptionFeedback: AdoptionFeedbackService,
  ) {}

  @Post()
  @Roles('reporter', 'editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'Write a story (draft)' })
  @ApiCreatedResponse({ type: StoryView })
  async create(@Param('center') center: string, @CurrentPrincipal() p: Principal, @Body() dto: CreateStoryDto) {
    return this.viewer.view(await this.stories.create(center, p, dto));
  }

  @Get()
  @ApiOperation({ summary: 'This center’s stories, most recently changed first, with status and reason' })
  async list(@Param('center') center: string, @Query() q: ListStoriesQuery) {
    const page = await this.stories.list(center, q);
    return { items: await this.viewer.views(center, page.items), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One story, where its review stands, who holds it, who adopted (选用) or republished (转载) it' })
  @ApiOkResponse({ type: StoryView })
  async get(@Param('center') center: string, @Param('id', uuid) id: string) {
    const story = await this.stories.get(center, id);
    return { ...(await this.viewer.detail(story)), adoptions: await this.adoptionFeedback.forStory(center, id) };
  }

  @Patch(':id')
  @Roles('reporter', 'editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: 'Edit a draft or a story sent back; each change makes a new version' })
  @ApiOkResponse({ type: StoryView })
  async update(@Param('center') center: string, @Param('id', uuid) id: string, @Body() dto: UpdateStoryDto, @CurrentPrincipal() p: Principal) {
    return this.viewer.view(await this.stories.update(center, id, dto, p));
  }

  @Post(':id/submit')
  @HttpCode(202)
  @Roles('editor', 'chief-editor', 'admin')
  @RateLimited('submission')
  @ApiOperation({ summary: '上报 = 终审: the chief editor signs the last review step and the version goes to the parent’s review queue' })
  @ApiOkResponse({ type: StoryView })
  async submit(@Param('center') center: string, @Param('id', uuid) id: string, @CurrentPrincipal() p: Principal) {
    const { story, policy } = await this.stories.submit(center, id, p);
    return this.viewer.view(story, policy);
  }
}
