import { BadRequestException, Body, Controller, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@syn/auth';
import type { Principal } from '@syn/auth';
import { poolView } from '../pool/pool-view';
import { CurationService } from './curation.service';
import { PoolEditDto } from './pool-edit.dto';

const uuid = new ParseUUIDPipe({
  exceptionFactory: () => new BadRequestException({ statusCode: 400, message: ['storyId: must be a UUID'], fields: ['storyId'] }),
});

@ApiTags('pool (大稿库)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/pool')
export class CurationController {
  constructor(private readonly curation: CurationService) {}

  @Patch(':storyId')
  @Roles('curator', 'desk-editor')
  @ApiOperation({ summary: 'Edit the headline, summary or tags of a pooled story; credited to the curator, the origin’s text is kept' })
  async edit(@Param('center') center: string, @Param('storyId', uuid) storyId: string, @Body() dto: PoolEditDto, @CurrentPrincipal() p: Principal) {
    return poolView(await this.curation.edit(center, storyId, dto, p));
  }
}
