import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@syn/auth';
import { CenterDirectory } from '@syn/network';

/**
 * Whom a hub may aim a topic or a release at: its direct children from the network file, so a
 * desk offers names to pick rather than codes to type. Each child fans out to its own subtree.
 */
@ApiTags('topics (选题)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/targets')
export class TargetsController {
  constructor(private readonly directory: CenterDirectory) {}

  @Get()
  @Roles('desk-editor', 'chief-editor', 'curator', 'admin')
  @ApiOperation({ summary: '可下达的对象：本中心的直属下级中心（代码、名称、级别）' })
  list(@Param('center') center: string) {
    return { items: this.directory.childrenOf(center).map((c) => ({ code: c.code, name: c.name, level: c.level })) };
  }
}
