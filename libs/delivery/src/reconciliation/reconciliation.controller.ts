import { Controller, HttpCode, Param, Post, Query, UnprocessableEntityException } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@syn/auth';
import { ReconcileQuery } from './reconciliation.dto';
import { Reconciler } from './reconciler';

/** Operators (and tests) run a reconciliation round with the parent now instead of waiting for the timer. */
@ApiTags('reconciliation (对账)')
@ApiBearerAuth()
@Controller('api/v1/centers/:center/reconciliation')
export class ReconciliationController {
  constructor(private readonly reconciler: Reconciler) {}

  @Post('run')
  @HttpCode(200)
  @Roles('admin')
  @ApiOperation({ summary: 'Compare digests with the parent and re-drive whatever it lacks' })
  async run(@Param('center') center: string, @Query() q: ReconcileQuery) {
    if (!this.reconciler.children().includes(center))
      throw new UnprocessableEntityException(`center ${center} has no parent reachable over gRPC to reconcile with`);
    return this.reconciler.run(center, { graceMs: q.graceMs !== undefined ? Number(q.graceMs) : undefined });
  }
}
