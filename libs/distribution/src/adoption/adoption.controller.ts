import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { AdoptionsQuery, AdoptStoryDto } from './adoption.dto';
import { AdoptionService } from './adoption.service';

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
}
