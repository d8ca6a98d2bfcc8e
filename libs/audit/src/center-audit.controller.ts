import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@syn/auth';
import { AuditLog } from './audit-log';
import { CenterAuditQueryDto } from './center-audit.query';

/** A center's whole audit trail: every state change made here by a person or by the network. */
@ApiTags('audit (审计)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/audit')
export class CenterAuditController {
  constructor(private readonly audit: AuditLog) {}

  @Get()
  @Roles('chief-editor', 'admin')
  @ApiOperation({ summary: 'Every state change at this center, newest first; narrowed by action, subject or story' })
  list(@Param('center') center: string, @Query() q: CenterAuditQueryDto) {
    return this.audit.centerPage(center, q);
  }
}
