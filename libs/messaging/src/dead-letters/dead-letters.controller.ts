import { Controller, Get, NotFoundException, Param, ParseIntPipe, Post, Query, DefaultValuePipe, ParseBoolPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@syn/auth';
import { DeadLetterRepository } from './dead-letter.repository';
import { DeadLetterReplayer } from './dead-letter.replayer';

/** Operators see what was parked and why, and replay it after the cause is fixed. */
@ApiTags('dead letters')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/dead-letters')
export class DeadLettersController {
  constructor(
    private readonly deadLetters: DeadLetterRepository,
    private readonly replayer: DeadLetterReplayer,
  ) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'List parked messages of this center, newest first' })
  async list(
    @Param('center') center: string,
    @Query('pending', new DefaultValuePipe(false), ParseBoolPipe) pending: boolean,
    @Query('limit', new DefaultValuePipe(50), ParseIntPipe) limit: number,
  ) {
    return { items: await this.deadLetters.list({ center, pendingOnly: pending, limit: Math.min(Math.max(limit, 1), 200) }) };
  }

  @Post(':id/replay')
  @Roles('admin')
  @ApiOperation({ summary: 'Apply a parked message again' })
  async replay(@Param('center') center: string, @Param('id') id: string) {
    const letter = await this.deadLetters.get(id);
    if (!letter || !letter.consumer.startsWith(`${center}-`)) throw new NotFoundException(`dead letter ${id} not found at center ${center}`);
    return this.replayer.replay(id);
  }
}
