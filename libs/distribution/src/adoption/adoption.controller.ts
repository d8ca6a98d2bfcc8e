import { BadRequestException, Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { AdoptionsQuery, AdoptStoryDto } from './adoption.dto';
import { AdoptionService } from './adoption.service';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['storyId: must be a UUID'], fields: ['storyId'] }),
});

@ApiTags('adoption (选用)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/adoptions')
export class AdoptionController {
  constructor(private readonly adoptions: AdoptionService) {}

  @Post()
  @Roles('desk-editor', 'chief-editor', 'curator', 'admin')
  @ApiOperation({ summary: '选用: adopt a story for one or several channels; feedback (采用反馈) goes to its origin' })
  async adopt(@Param('center') center: string, @Body() dto: AdoptStoryDto, @CurrentPrincipal() p: Principal) {
    return { items: await this.adoptions.adopt(center, dto.storyId, dto.channels, p) };
  }

  @Get()
  @Roles('desk-editor', 'chief-editor', 'curator', 'admin')
  @ApiOperation({ summary: 'What this desk adopted, newest first' })
  list(@Param('center') center: string, @Query() q: AdoptionsQuery) {
    return this.adoptions.list(center, q);
  }

  @Post(':storyId/taken-down')
  @HttpCode(200)
  @Roles('desk-editor', 'chief-editor', 'curator', 'admin')
  @ApiOperation({ summary: '已撤下: confirm a withdrawn story is off every channel it was adopted for (the receipt of 请撤下)' })
  async takenDown(@Param('center') center: string, @Param('storyId', uuid) storyId: string, @CurrentPrincipal() p: Principal) {
    return { items: await this.adoptions.confirmTakenDown(center, storyId, p) };
  }
}
