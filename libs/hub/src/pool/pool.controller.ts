import { BadRequestException, Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@syn/auth';
import { PoolQuery } from './pool.dto';
import { PoolService } from './pool.service';
import { poolView } from './pool-view';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['storyId: must be a UUID'], fields: ['storyId'] }),
});

@ApiTags('pool (大稿库)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/pool')
export class PoolController {
  constructor(private readonly pool: PoolService) {}

  @Get()
  @Roles('curator', 'desk-editor', 'chief-editor', 'editor', 'admin')
  @ApiOperation({ summary: 'Stories in this hub’s pool, newest first' })
  async list(@Param('center') center: string, @Query() q: PoolQuery) {
    const page = await this.pool.page(center, { limit: q.limit ? Number(q.limit) : 50, cursor: q.cursor, origin: q.origin });
    return { items: page.items.map(poolView), nextCursor: page.nextCursor };
  }

  @Get(':storyId')
  @Roles('curator', 'desk-editor', 'chief-editor', 'editor', 'admin')
  async get(@Param('center') center: string, @Param('storyId', uuid) storyId: string) {
    return poolView(await this.pool.get(center, storyId));
  }
}
