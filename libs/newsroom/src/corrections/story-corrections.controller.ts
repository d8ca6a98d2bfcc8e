import { BadRequestException, Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { StoryView } from '../stories/story.dto';
import { toView } from '../stories/story.view';
import { CorrectStoryDto, WithdrawStoryDto } from './story-correction.dto';
import { StoryCorrectionsService } from './story-corrections.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['id: must be a UUID'], fields: ['id'] }) });

@ApiTags('stories (稿件)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/stories/:id')
export class StoryCorrectionsController {
  constructor(private readonly corrections: StoryCorrectionsService) {}

  @Post('corrections')
  @HttpCode(202)
  @Roles('editor', 'chief-editor', 'admin')
  @ApiOperation({ summary: '更正: a new version of an accepted story, sent to every center holding a copy' })
  @ApiOkResponse({ type: StoryView })
  async correct(@Param('center') center: string, @Param('id', uuid) id: string, @Body() dto: CorrectStoryDto, @CurrentPrincipal() p: Principal) {
    return toView(await this.corrections.correct(center, id, p, dto));
  }

  @Post('withdrawal')
  @HttpCode(202)
  @Roles('chief-editor', 'admin')
  @ApiOperation({ summary: '撤稿: withdraw the story everywhere it went; cannot be undone' })
  @ApiOkResponse({ type: StoryView })
  async withdraw(@Param('center') center: string, @Param('id', uuid) id: string, @Body() dto: WithdrawStoryDto, @CurrentPrincipal() p: Principal) {
    return toView(await this.corrections.withdraw(center, id, p, dto));
  }
}
