import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@syn/auth';
import { HostedCenters } from '@syn/network';

/** The sign-in page asks which centers this process serves: a county app may host many counties. */
@ApiTags('desk (工作台)')
@Public()
@Controller('api/v1/desk')
export class DeskCentersController {
  constructor(private readonly hosted: HostedCenters) {}

  @Get('centers')
  @ApiOperation({ summary: '登录页：本进程服务的中心（代码、中文名称、级别）' })
  centers() {
    return { items: this.hosted.centers.map((c) => ({ code: c.code, name: c.name, level: c.level, parent: c.parent })) };
  }
}
